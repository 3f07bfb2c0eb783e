import type { RouteRow } from './rows.ts';

interface Band {
  band: string;
  Draft: number;
  Live?: number;
}

const change = (draft: number, live: number | undefined) => {
  if (live === undefined || draft === live) return '';
  return draft > live ? ` (+${draft - live})` : ` (−${live - draft})`;
};

/** The numbers behind the charts: leads per route (shown) and per score band (folded). */
export function DistributionTables(props: {
  kind: string;
  bands: Band[];
  routes: RouteRow[];
  live: boolean;
}) {
  const { kind, bands, routes, live } = props;
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
