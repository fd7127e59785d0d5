/**
 * JUnit XML output, the test-report format every CI system shows: one `<testsuite>` per group (an
 * intent, the findings), one `<testcase>` per check in it, with `<failure>` or `<skipped>`.
 * Schema followed: the common Ant/Surefire JUnit XML (testsuites › testsuite › testcase).
 */

export interface JUnitCase {
  name: string;
  classname: string;
  /** Set when the case failed: a one-line message and the details (the proof). */
  failure?: { message: string; type: string; details: string } | undefined;
  /** Set when the case was not judged (an unknown answer, a suppressed finding). */
  skipped?: string | undefined;
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
}

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function caseXml(c: JUnitCase): string {
  const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}"`;
  if (c.failure) {
    return `${open}>\n      <failure message="${xmlEscape(c.failure.message)}" type="${xmlEscape(c.failure.type)}">${xmlEscape(c.failure.details)}</failure>\n    </testcase>`;
  }
  if (c.skipped !== undefined) return `${open}>\n      <skipped message="${xmlEscape(c.skipped)}"/>\n    </testcase>`;
  return `${open}/>`;
}

/**
 * A JUnit XML document, line by line (without line breaks, so a large one never becomes one string).
 *
 * @param name - the name of the whole run (`vpcreach check`)
 * @param suites - the suites, in order
 */
export function junitXmlLines(name: string, suites: readonly JUnitSuite[]): string[] {
  const count = (cases: readonly JUnitCase[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    skipped: cases.filter((c) => !c.failure && c.skipped !== undefined).length,
  });
  const all = count(suites.flatMap((s) => s.cases));
  const body = suites.flatMap((suite) => {
    const n = count(suite.cases);
    return [
      `  <testsuite name="${xmlEscape(suite.name)}" tests="${n.tests}" failures="${n.failures}" errors="0" skipped="${n.skipped}">`,
      ...suite.cases.map(caseXml),
      "  </testsuite>",
    ];
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(name)}" tests="${all.tests}" failures="${all.failures}" errors="0" skipped="${all.skipped}">`,
    ...body,
    "</testsuites>",
  ];
}
