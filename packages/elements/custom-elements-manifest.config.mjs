// Generates custom-elements.json from the elements' JSDoc (@summary @slot @csspart @cssproperty @event).

/**
 * The analyzer also guesses events from `dispatchEvent(new X(action, …))` and a definition from
 * `defineElement`'s generic `customElements.define(tag, …)`; keep only what the JSDoc declares.
 * The manifest describes the public surface: private members are left out, and so is the
 * source text of a variable's value when it is too long to read there (the compiled styles,
 * the catalogues: over 120 characters).
 */
const documentedOnly = {
  name: 'baton-documented-only',
  packageLinkPhase({ customElementsManifest }) {
    // The glob lists files in the file system's order, which differs between machines.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const module of customElementsManifest.modules) {
      module.exports = module.exports?.filter((e) => !(e.kind === 'custom-element-definition' && e.name === 'tag'));
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
        if (declaration.members) declaration.members = declaration.members.filter((member) => member.privacy !== 'private');
        if (declaration.kind === 'variable' && declaration.default?.length > 120) delete declaration.default;
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**'],
  outdir: '.',
  // package.json names the manifest already; an analysis into another folder must not rewrite it.
  packagejson: false,
  litelement: true,
  plugins: [documentedOnly],
};
