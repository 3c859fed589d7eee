/**
 * @tidings/templates: renders every Tidings message from a template. Pure: no I/O.
 */
export { chooseTemplate, formatOfChannelKind } from './choose.ts';
export { defaultTemplate, supportedLocales } from './defaults/index.ts';
export { type RenderContext, renderTemplate, ticketUrlOf } from './render.ts';
export { type SampleEventInput, ticketEventFromSample } from './sample-event.ts';
export { checkTemplate, type TemplateProblem, type TemplateText, templateVariables } from './variables.ts';
