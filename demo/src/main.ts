import { createClient, createMemoryBackend, createDemoSnapshot } from '@baton/sdk';

const backend = createMemoryBackend(createDemoSnapshot(Date.now()));
const client = createClient({ backend, userId: 'carol' });
const list = client.list({});
list.$items.subscribe((items) => {
  const ul = document.getElementById('conversations')!;
  ul.replaceChildren(
    ...items.map((c) => {
      const li = document.createElement('li');
      li.textContent = `${c.subject} — ${c.status}`;
      return li;
    }),
  );
});
