/** Shoelace's sl-select with the same 10,000 agents as options, labelled as Baton's picker shows them. */
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import { agentName } from '../workspace.js';
import { installProbe } from './probe.js';

const CANDIDATES = 10_000;
const select = document.createElement('sl-select');
select.setAttribute('label', 'Transfer to');
select.setAttribute('placeholder', 'Choose an agent');
const options = document.createDocumentFragment();
for (let i = 1; i <= CANDIDATES; i++) {
  const option = document.createElement('sl-option');
  option.value = `u${i}`;
  option.textContent = agentName(i);
  options.append(option);
}
select.append(options);
document.body.append(select);

installProbe(() => {
  const listbox = (select as HTMLElement & { open: boolean }).open && select.shadowRoot?.querySelector('[part~="listbox"]');
  return !!listbox && listbox.getBoundingClientRect().height > 0;
});
