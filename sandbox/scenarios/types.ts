// A scenario is data: what the learner starts with. The engine builds the state from it.

export interface ScenarioDefinition {
  /** Stable id used by lessons (`scenario:` frontmatter) and the headless CLI. */
  id: string;
  title: string;
  /** One paragraph: what is set up and why a lesson would start here. */
  description: string;
  /** Files placed in the learner's home directory on the workstation. */
  files?: Record<string, string>;
}
