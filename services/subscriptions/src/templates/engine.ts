/**
 * The template engine this service uses (`@tidings/templates`): validation of tenant-written templates,
 * the shipped defaults and previews. Re-exported in one place so the subgraph's use of it is easy to see.
 */
export {
  checkTemplate,
  chooseTemplate,
  defaultTemplate,
  renderTemplate,
  type TemplateProblem,
  type TemplateText,
  templateVariables,
  ticketEventFromSample,
} from '@tidings/templates';
