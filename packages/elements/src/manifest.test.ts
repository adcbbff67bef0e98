import { expect } from '@open-wc/testing';

interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string }[];
  events?: { name: string; description?: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
  slots?: { name: string }[];
  summary?: string;
}

describe('custom-elements.json', () => {
  it('is named in package.json and lists both elements with attributes, events, parts and custom properties', async () => {
    const pkg = await (await fetch('/packages/elements/package.json')).json();
    expect(pkg.customElements).to.equal('custom-elements.json');
    const manifest = await (await fetch(`/packages/elements/${pkg.customElements}`)).json();
    const elements = new Map<string, Declaration>();
    for (const module of manifest.modules)
      for (const declaration of module.declarations ?? []) if (declaration.customElement) elements.set(declaration.tagName, declaration);
    expect([...elements.keys()].sort()).to.deep.equal(['baton-message-editor', 'baton-provider']);

    const editor = elements.get('baton-message-editor')!;
    expect(editor.summary).to.contain('composer');
    expect(editor.attributes!.map((a) => a.name)).to.include.members(['conversation-id', 'name', 'heading-level']);
    const events = editor.events!.map((e) => e.name);
    for (const action of ['send', 'takeover', 'claim', 'transfer', 'transfer-to-team', 'transfer-to-ai', 'close'])
      expect(events).to.include.members([`baton-${action}-request`, `baton-${action}`]);
    expect(events).to.include('baton-error');
    expect(editor.events!.every((e) => e.description)).to.equal(true);
    expect(editor.cssParts!.map((p) => p.name)).to.include.members(['base', 'send-button', 'menu', 'menu-item', 'dialog', 'combobox', 'option']);
    expect(editor.cssProperties!.map((p) => p.name)).to.include.members(['--baton-accent', '--baton-surface', '--baton-font']);

    const provider = elements.get('baton-provider')!;
    expect(provider.attributes!.map((a) => a.name)).to.include('user-id');
    expect(provider.cssParts!.map((p) => p.name)).to.deep.equal(['base']);
    expect(provider.slots!.length).to.equal(1);
  });

  it('documents every part the editor renders', async () => {
    const manifest = await (await fetch('/packages/elements/custom-elements.json')).json();
    const source = await (await fetch('/packages/elements/src/message-editor/baton-message-editor.ts')).text();
    const documented = new Set<string>();
    for (const module of manifest.modules)
      for (const declaration of module.declarations ?? [])
        if (declaration.tagName === 'baton-message-editor') for (const part of declaration.cssParts) documented.add(part.name);
    const rendered = new Set([...source.matchAll(/part="([\w\s-]+)"/g)].flatMap((m) => m[1].split(/\s+/)));
    expect([...rendered].filter((part) => !documented.has(part))).to.deep.equal([]);
  });

  it('describes the public surface only: no private members, no styles or catalogues as source text', async () => {
    const manifest = await (await fetch('/packages/elements/custom-elements.json')).json();
    const privateMembers: string[] = [];
    const longValues: string[] = [];
    for (const module of manifest.modules)
      for (const declaration of module.declarations ?? []) {
        for (const member of declaration.members ?? []) if (member.privacy === 'private') privateMembers.push(`${declaration.name}.${member.name}`);
        if (declaration.kind === 'variable' && (declaration.default?.length ?? 0) > 120) longValues.push(declaration.name);
      }
    expect(privateMembers).to.deep.equal([]);
    expect(longValues).to.deep.equal([]);
    // What a developer uses stays: the editor's public properties, the catalogue's name and type.
    const declarations = manifest.modules.flatMap((module: { declarations?: Record<string, unknown>[] }) => module.declarations ?? []);
    const editor = declarations.find((d: { tagName?: string }) => d.tagName === 'baton-message-editor');
    expect(editor.members.map((m: { name: string }) => m.name)).to.include.members(['conversationId', 'client', 'storage']);
    expect(declarations.find((d: { name: string }) => d.name === 'en').type).to.be.an('object');
  });

  it('lists every module that registers a tag in sideEffects, source and build', async () => {
    const pkg = await (await fetch('/packages/elements/package.json')).json();
    const registering = Object.entries<Record<string, string>>(pkg.exports)
      .filter(([entry]) => /(^\.\/|\.)define$|^\.\/react$/.test(entry))
      .flatMap(([, targets]) => [targets.source, targets.default]);
    expect(registering.length).to.equal(8);
    expect(registering.filter((path) => !pkg.sideEffects.includes(path))).to.deep.equal([]);
  });
});
