import { GRADES } from '@qualify/rules';
import type { RouteRow } from './rows.ts';
import type { Distribution } from './tally.ts';

interface Band {
  band: string;
  Draft: number;
  Live?: number;
}

const change = (draft: number, live: number | undefined) => {
  if (live === undefined || draft === live) return '';
  return draft > live ? ` (+${draft - live})` : ` (−${live - draft})`;
};

/** The numbers behind the charts: leads per route, per grade (when the workflow grades) and per score band (folded). */
export function DistributionTables(props: {
  kind: string;
  bands: Band[];
  routes: RouteRow[];
  live: boolean;
  grades: { draft: Distribution['grades']; live: Distribution['grades'] };
}) {
  const { kind, bands, routes, live, grades } = props;
  return (
    <>
      <table className="qs-dist-table" data-testid="distribution-route-table">
        <caption className="qs-sr">Leads per route</caption>
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Draft</th>
            {live && <th scope="col">Live</th>}
          </tr>
        </thead>
        <tbody>
          {routes.map((r) => (
            <tr key={r.nodeId}>
              <th scope="row">{r.label}</th>
              <td>
                {r.Draft}
                <span className="qs-muted">{change(r.Draft, r.Live)}</span>
              </td>
              {live && <td>{r.Live}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {grades.draft && (
        <table className="qs-dist-table" data-testid="distribution-grade-table">
          <caption className="qs-sr">Leads per grade</caption>
          <thead>
            <tr>
              <th scope="col">Grade</th>
              {GRADES.map((g) => (
                <th key={g} scope="col">
                  {g}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Draft</th>
              {GRADES.map((g) => (
                <td key={g}>{grades.draft?.get(g) ?? 0}</td>
              ))}
            </tr>
            {grades.live && (
              <tr>
                <th scope="row">Live</th>
                {GRADES.map((g) => (
                  <td key={g}>{grades.live?.get(g) ?? 0}</td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      )}
      <details className="qs-dist-numbers">
        <summary>Leads per {kind.toLowerCase()} score band</summary>
        <table className="qs-dist-table" data-testid="distribution-band-table">
          <caption className="qs-sr">Leads per band of the {kind.toLowerCase()} score</caption>
          <thead>
            <tr>
              <th scope="col">Band</th>
              <th scope="col">Draft</th>
              {live && <th scope="col">Live</th>}
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => (
              <tr key={b.band}>
                <th scope="row">{b.band}</th>
                <td>{b.Draft}</td>
                {live && <td>{b.Live}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
