/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), which the runner turns
 * into annotations on the pull request. Spec:
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */

export interface Annotation {
  level: "error" | "warning" | "notice";
  file: string;
  line?: number | undefined;
  title: string;
  message: string;
}

/** Escapes a command's message (`%`, CR, LF), as the runner unescapes it. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value (also `:` and `,`, which separate properties). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One workflow command line per annotation.
 *
 * @param annotations - what to annotate
 */
export function githubAnnotations(annotations: readonly Annotation[]): string {
  return annotations
    .map((a) => {
      const props = [`file=${escapeProperty(a.file)}`, ...(a.line ? [`line=${a.line}`] : []), `title=${escapeProperty(a.title)}`];
      return `::${a.level} ${props.join(",")}::${escapeData(a.message)}\n`;
    })
    .join("");
}
