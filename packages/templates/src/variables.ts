import type { TemplateFormat } from '@tidings/state';

/** A tenant-written (or shipped) template: the title is the chat-list preview, card header or email subject. */
export interface TemplateText {
  title: string;
  body: string;
}

/**
 * Every variable a template may use. `attributes.<NAME>` stands for any attribute name (seed 004's
 * `${GITEE_PIPELINE_NAME}` is spelt `${attributes.PIPELINE_NAME}` here).
 */
export const templateVariables: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'ticket.id', description: "The ticket's id in the producing system." },
  { name: 'ticket.key', description: 'The human key such as OPS-12; the id when the producer sends no key.' },
  { name: 'ticket.title', description: "The ticket's title." },
  { name: 'ticket.name', description: 'Key and title together: "OPS-12 Disk full on db-1".' },
  {
    name: 'ticket.url',
    description: "Link to the ticket: its url, else the tenant's URL prefix + its path; empty when neither.",
  },
  {
    name: 'ticket.link',
    description:
      'The ticket name as a link to the ticket in the format (Markdown link, HTML anchor, "name url" in text); just the name when there is no link.',
  },
  { name: 'ticket.status', description: "The ticket's current status." },
  { name: 'ticket.priority', description: "The ticket's priority." },
  { name: 'ticket.type', description: 'Kind of ticket in the producer\'s terms, e.g. "pipeline".' },
  { name: 'ticket.step', description: 'Name of the workflow step the ticket is in now.' },
  { name: 'actor.id', description: 'Id of the person who caused the event.' },
  { name: 'actor.name', description: 'Display name of the person who caused the event.' },
  { name: 'project.id', description: "The ticket's project id." },
  {
    name: 'event.type',
    description: 'What happened, as a word in the reader\'s language ("Status changed").',
  },
  {
    name: 'event.time',
    description: "When it happened, in the reader's time zone: 2026-11-22 16:30 (Asia/Ho_Chi_Minh).",
  },
  {
    name: 'comment.body',
    description: 'The new comment (comment events); quoted safely in Markdown formats.',
  },
  { name: 'status.from', description: 'The previous status (status changes).' },
  { name: 'status.to', description: 'The new status (status changes).' },
  { name: 'step.from', description: 'The previous workflow step (step changes).' },
  { name: 'step.to', description: 'The new workflow step (step changes).' },
  { name: 'assignees', description: "The ticket's current assignees, names comma-separated." },
  { name: 'assignees.added', description: 'Assignees added (assignee changes), names comma-separated.' },
  { name: 'assignees.removed', description: 'Assignees removed (assignee changes), names comma-separated.' },
  { name: 'custom.type', description: 'The custom change type, e.g. pipeline.failed (custom events).' },
  {
    name: 'attributes',
    description: "Every attribute of the event as a list, one 'NAME: value' per line.",
  },
  {
    name: 'attributes.<NAME>',
    description:
      "An attribute of the event, e.g. attributes.PIPELINE_NAME; the custom change's attributes win over the event's. Empty when absent.",
  },
  {
    name: 'mentions',
    description: 'Group robots: who is @-mentioned ("@13800000001 @all"); empty in messages to one person.',
  },
];

const fixedNames = new Set(templateVariables.map((v) => v.name).filter((n) => !n.includes('<')));
const attributeVariable = /^attributes\.([\w.-]{1,100})$/;

/** Whether `name` is a variable templates may use; attribute names are free. */
export function isKnownVariable(name: string): boolean {
  return fixedNames.has(name) || attributeVariable.test(name);
}

/** The attribute a variable reads (`attributes.PIPELINE_NAME` → PIPELINE_NAME), or null. */
export function attributeNameOf(variable: string): string | null {
  return attributeVariable.exec(variable)?.[1] ?? null;
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; name: string };
export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; unclosedAt: number };

/**
 * Splits `${name}` variables from text. `$${` writes a literal `${`. Spaces inside the braces are
 * ignored. No expressions: a variable is only a name.
 */
export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let text = '';
  let index = 0;
  while (index < source.length) {
    if (source.startsWith('$${', index)) {
      text += '${';
      index += 3;
    } else if (source.startsWith('${', index)) {
      const end = source.indexOf('}', index + 2);
      // A `${` whose `}` comes only after a line break or another `${` is unclosed: it would
      // otherwise swallow the text in between.
      const nextOpen = source.indexOf('${', index + 2);
      const lineEnd = source.indexOf('\n', index + 2);
      if (end < 0 || (nextOpen >= 0 && nextOpen < end) || (lineEnd >= 0 && lineEnd < end)) {
        return { ok: false, unclosedAt: index };
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'variable', name: source.slice(index + 2, end).trim() });
      index = end + 1;
    } else {
      text += source[index];
      index += 1;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

export interface TemplateProblem {
  field: 'title' | 'body';
  code: 'unknown-variable' | 'unclosed-variable' | 'empty' | 'too-long';
  message: string;
}

/** Longest title: chat-list previews and subjects are cut well before this. */
export const maxTitleLength = 200;
/**
 * Longest template body in UTF-8 bytes, per format, in the order of what the platforms take for one
 * message (WeCom text and markdown messages are limited to a few kilobytes, a Lark card to about 30 KB;
 * email has no hard limit but a template this large is a mistake). A template is checked before its
 * variables are filled, so senders still cut what comes out longer.
 */
export const maxBodyBytes: Record<TemplateFormat, number> = {
  markdown: 4096,
  text: 2048,
  'lark-card': 30_000,
  email: 100_000,
};

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known variable closest to a misspelt one, when it is close enough to be what was meant. */
function suggestionFor(name: string): string | null {
  const lowered = name.toLowerCase();
  if (lowered.startsWith('attribute.') || lowered.startsWith('attrs.') || lowered.startsWith('env.')) {
    return `attributes.${name.slice(name.indexOf('.') + 1)}`;
  }
  // `${PIPELINE_NAME}` as in seed 004's tools, which read environment variables directly.
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return `attributes.${name}`;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of fixedNames) {
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

function checkField(field: 'title' | 'body', source: string, format: TemplateFormat): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (source.trim() === '') {
    return [{ field, code: 'empty', message: `the ${field} is empty` }];
  }
  if (field === 'title' && [...source].length > maxTitleLength) {
    problems.push({
      field,
      code: 'too-long',
      message: `the title is ${[...source].length} characters long; at most ${maxTitleLength} fit`,
    });
  }
  if (field === 'body') {
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > maxBodyBytes[format]) {
      problems.push({
        field,
        code: 'too-long',
        message: `the body is ${bytes} bytes long; ${format} messages take at most ${maxBodyBytes[format]}`,
      });
    }
  }
  const parsed = parseTemplate(source);
  if (!parsed.ok) {
    const snippet = source.slice(parsed.unclosedAt, parsed.unclosedAt + 20).split('\n')[0];
    problems.push({
      field,
      code: 'unclosed-variable',
      message: `unclosed variable "${snippet}" in the ${field}: close it with "}" on the same line, or write $\${ for a literal \${`,
    });
    return problems;
  }
  const reported = new Set<string>();
  for (const part of parsed.parts) {
    if (part.kind !== 'variable' || isKnownVariable(part.name) || reported.has(part.name)) continue;
    reported.add(part.name);
    const suggestion = suggestionFor(part.name);
    problems.push({
      field,
      code: 'unknown-variable',
      message:
        part.name === ''
          ? `empty variable \${} in the ${field}`
          : suggestion
            ? `unknown variable \${${part.name}}; did you mean \${${suggestion}}?`
            : `unknown variable \${${part.name}} in the ${field}`,
    });
  }
  return problems;
}

/** Problems of a tenant-written template, each naming the field and the variable; empty: fine. */
export function checkTemplate(text: TemplateText, format: TemplateFormat): TemplateProblem[] {
  return [...checkField('title', text.title, format), ...checkField('body', text.body, format)];
}
