import type { SessionUser } from '../context.js';
import type { OpenApiDocument, Operation } from '../openapi.js';
import { Layout } from './layout.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A schema in one line: `{ id: integer, name: string }`, `Note[]`, a $ref's name. */
function describeSchema(schema: Record<string, unknown> | undefined, depth = 0): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type as string | undefined);
  if (type === 'array') return `${describeSchema(schema.items as Record<string, unknown>, depth + 1)}[]`;
  if (type === 'object' && schema.properties && depth < 2) {
    const props = Object.entries(schema.properties as Record<string, Record<string, unknown>>).map(([k, v]) => `${k}: ${describeSchema(v, depth + 1)}`);
    return `{ ${props.join(', ')} }`;
  }
  return type ?? 'any';
}

const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

function OperationEntry({ method, path, op }: { method: string; path: string; op: Operation }) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  return (
    <section class="api-operation" id={anchor(method, path)} aria-labelledby={`${anchor(method, path)}-title`}>
      <h3 id={`${anchor(method, path)}-title`}>
        <code class="api-method">{method.toUpperCase()}</code> <code>{path}</code>
      </h3>
      <p>{op.summary}</p>
      {op.description ? <p>{op.description}</p> : null}
      {op.parameters?.length ? (
        <>
          <h4>Parameters</h4>
          <ul>
            {op.parameters.map((p) => (
              <li>
                <code>{p.name}</code> ({p.in}{p.required ? ', required' : ''}): {p.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {body ? (
        <>
          <h4>Body ({body[0]})</h4>
          <p><code>{describeSchema(body[1].schema)}</code></p>
        </>
      ) : null}
      <h4>Answers</h4>
      <ul>
        {Object.entries(op.responses).map(([status, r]) => {
          const content = r.content ? Object.values(r.content)[0] : undefined;
          return (
            <li>
              <strong>{status}</strong> {r.description}
              {content ? <> — <code>{describeSchema(content.schema)}</code></> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** GET /api/docs: the OpenAPI description as a page, grouped by tag, rendered on the server. */
export function ApiDocsPage({ doc, user, csrf, nonce }: { doc: OpenApiDocument; user: SessionUser; csrf: string | null; nonce?: string }) {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ method: m, path, op: item[m]! })));
  return (
    <Layout title="API" user={user} csrf={csrf} nonce={nonce}>
      <h1>{doc.info.title}</h1>
      <p>{doc.info.description}</p>
      <p>
        The machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {doc.openapi}).
      </p>
      <nav aria-label="Operations">
        <ul class="api-index">
          {operations.map(({ method, path, op }) => (
            <li>
              <a href={`#${anchor(method, path)}`}>
                <code>{method.toUpperCase()} {path}</code>
              </a>{' '}
              {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {doc.tags.map((tag) => {
        const ops = operations.filter((o) => o.op.tags.includes(tag.name));
        return ops.length ? (
          <section aria-labelledby={`tag-${tag.name}`}>
            <h2 id={`tag-${tag.name}`}>
              {tag.name[0]!.toUpperCase() + tag.name.slice(1)} <small>— {tag.description}</small>
            </h2>
            {ops.map((o) => (
              <OperationEntry method={o.method} path={o.path} op={o.op} />
            ))}
          </section>
        ) : null;
      })}
      <h2 id="schemas">Schemas</h2>
      <dl class="api-schemas">
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <div id={`schema-${name}`}>
            <dt><code>{name}</code></dt>
            <dd><code>{describeSchema(schema)}</code></dd>
          </div>
        ))}
      </dl>
    </Layout>
  );
}
