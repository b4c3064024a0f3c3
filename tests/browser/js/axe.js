// Run axe-core (already injected) over the page; return the serious and critical violations,
// each node marked as inside the extension's markup or not, with a signature of its cause
// (for contrast rules the colours involved, else the failing checks).
const done = arguments[arguments.length - 1];
const cause = (node) => {
  const checks = [...node.any, ...node.all, ...node.none];
  const colours = checks
    .map((c) => c.data || {})
    .map((d) => [d.fgColor, d.nodeColor, d.parentColor].filter(Boolean).join("/"))
    .filter(Boolean);
  return colours.length ? colours.join(" ") : checks.map((c) => c.id).join(" ");
};
axe.run(document, { resultTypes: ["violations"] }).then((results) => done(
  results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      nodes: v.nodes.map((node) => {
        const el = document.querySelector(node.target[0]);
        return {
          target: node.target.join(" "),
          ours: !el || !!el.closest(".rai-guidance, .rai-link"),
          cause: cause(node),
          message: node.failureSummary,
        };
      }),
    }))
), (error) => done({ error: String(error) }));
