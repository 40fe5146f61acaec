/** The hardware catalogue as a searchable checklist, grouped by kind, each entry with its figures and sources. */
import { useMemo, useState } from 'react';
import type { HardwareTarget } from '../../../../electron/shared/hardware.js';
import { groupTargets, keyFigures } from './targets.js';

export function TargetPicker(props: {
  targets: HardwareTarget[];
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
}) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupTargets(props.targets, query), [props.targets, query]);
  return (
    <div className="whatif-picker" data-testid="whatif-picker">
      <input
        type="search"
        className="input whatif-search"
        placeholder={`Search ${props.targets.length} targets: name, vendor, kind…`}
        aria-label="Search hardware targets"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="whatif-picker-list">
        {groups.length === 0 && <p className="whatif-muted">No target matches “{query}”.</p>}
        {groups.map((group) => (
          <section key={group.kind} className="whatif-group">
            <h3>
              {group.label} <span className="whatif-muted">({group.targets.length})</span>
            </h3>
            <ul>
              {group.targets.map((target) => (
                <TargetEntry
                  key={target.id}
                  target={target}
                  checked={props.selected.has(target.id)}
                  onToggle={() => props.onToggle(target.id)}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function TargetEntry(props: { target: HardwareTarget; checked: boolean; onToggle(): void }) {
  const { target } = props;
  return (
    <li className={`whatif-entry${props.checked ? ' checked' : ''}`} data-testid={`target-${target.id}`}>
      <label>
        <input type="checkbox" checked={props.checked} onChange={props.onToggle} />
        <span className="whatif-entry-text">
          <span className="whatif-entry-name">
            {target.name}
            {target.year !== undefined && <span className="whatif-muted"> · {target.year}</span>}
          </span>
          <span className="whatif-entry-figures">{keyFigures(target).join(' · ')}</span>
        </span>
      </label>
      <Sources target={target} />
    </li>
  );
}

/**
 * One link per page backing the entry, its title saying which figures the page backs and
 * how; further pages of the same site read as numbers so a row of sources stays short.
 */
function Sources(props: { target: HardwareTarget }) {
  const pages = new Map<string, string[]>();
  for (const source of props.target.sources) {
    const lines = pages.get(source.url) ?? [];
    lines.push(source.note ? `${source.figure}: ${source.note}` : source.figure);
    pages.set(source.url, lines);
  }
  if (pages.size === 0) return null;
  const perHost = new Map<string, number>();
  return (
    <span className="whatif-sources">
      {[...pages].map(([url, lines]) => {
        const host = hostOf(url);
        const n = (perHost.get(host) ?? 0) + 1;
        perHost.set(host, n);
        return (
          <a key={url} href={url} target="_blank" rel="noreferrer" title={`${lines.join('\n')}\n${url}`}>
            {n === 1 ? `${host} ↗` : n}
          </a>
        );
      })}
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url; // a malformed URL cannot pass the catalogue schema; show it as written if one does.
  }
}
