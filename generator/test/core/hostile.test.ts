import { parse } from 'yaml';
import { helpers } from '../../src/render/helpers';
import { parseCfnYaml } from '../../src/cfn/yaml';
import { diagnosticsOf, generateText, SEED_TEXT, userDataOf } from './helpers';

const HOSTILE = [
  'plain',
  'quote " and \' apostrophe',
  'key: value',
  'colon:nospace',
  '# not a comment',
  'multi\nline\r\nvalue',
  '{{ handlebars }} {{{raw}}}',
  '${AWS::Region} ${!x}',
  '- list item',
  '&anchor *alias !Ref Tag',
  'yes',
  'No',
  'null',
  '~',
  'true',
  '0x1F',
  '8.0',
  '1e3',
  '010',
  ' leading and trailing ',
  'tab\there',
  'unicode ü ✓ 😀',
  '',
  '\\backslash\\',
  '\u0007bell',
];

describe('the q helper', () => {
  it.each(HOSTILE)('round-trips %j as the same string through YAML', (value) => {
    const text = `Key: ${helpers.q(value)}\nOther: 1\n`;
    expect(parse(text)).toEqual({ Key: value, Other: 1 });
    expect(parseCfnYaml(`Resources: {}\nKey: ${helpers.q(value)}\n`).Key).toBe(value);
  });

  it('refuses anything that is not a scalar instead of printing [object Object]', () => {
    expect(() => helpers.q({ a: 1 })).toThrow('q expects a string, number or boolean, got object');
    expect(() => helpers.q(undefined)).toThrow('got undefined');
  });
});

describe('hostile values in a topology', () => {
  const withTag = (value: string) =>
    SEED_TEXT.replace(
      '  ManagedBy: strata',
      `  ManagedBy: strata\n  Owner: ${JSON.stringify(value)}`,
    );

  it.each(['team: platform', 'a@b.example +44 / 1=1', 'Zoë Ünïcode'])(
    'a tag value %j AWS accepts reaches every template as data',
    (value) => {
      const { templates } = generateText(withTag(value));
      const tags = templates.get('network.yaml')!.Resources.Vpc.Properties!.Tags as Array<{
        Key: string;
        Value: string;
      }>;
      expect(tags).toContainEqual({ Key: 'Owner', Value: value });
    },
  );

  it.each(['say "hi"', 'line\nbreak', '{{x}}', 'a#b', "it's"])(
    'a tag value AWS would reject (%j) is a located error, not a broken template',
    (value) => {
      const d = diagnosticsOf(withTag(value));
      expect(d).toEqual([
        expect.objectContaining({
          code: 'schema/pattern',
          path: 'tags.Owner',
          // The caret points at the first character a tag value may not hold.
          message: expect.stringContaining('which is not allowed here'),
          position: expect.objectContaining({ line: 10 }),
        }),
      ]);
    },
  );

  it('a name with quotes, colons or braces is rejected where it is written', () => {
    const d = diagnosticsOf(
      SEED_TEXT.replace('  frontend:\n    app: frontend', '  "front: {{end}}":\n    app: frontend'),
    );
    expect(d[0]).toMatchObject({ code: 'schema/propertyNames', path: 'tiers.front: {{end}}' });
  });

  it('an environment literal with quotes, percent signs, ${ and {{ stays one literal in the unit file', () => {
    const text = SEED_TEXT.replace(
      '      BACKEND_URLS: { ref: tiers.backend.urls }',
      '      BACKEND_URLS: { ref: tiers.backend.urls }\n      GREETING: "say \\"hi\\": 100% ${USER} {{name}} \\\\o/"',
    );
    const userData = userDataOf(generateText(text), 'FrontendLaunchTemplate');
    expect(userData).toContain(
      'Environment="GREETING=say \\"hi\\": 100%% ${!USER} {{name}} \\\\o/"',
    );
    expect(userData.split('\n').filter((l) => l.startsWith('Environment="GREETING='))).toHaveLength(
      1,
    );
  });

  it('an environment literal with a newline is rejected, since a unit file line cannot hold one', () => {
    const d = diagnosticsOf(
      SEED_TEXT.replace(
        '      BACKEND_URLS: { ref: tiers.backend.urls }',
        '      BACKEND_URLS: { ref: tiers.backend.urls }\n      EVIL: "x\\nExecStartPre=/bin/rm -rf /"',
      ),
    );
    expect(d.map((x) => x.path)).toContain('tiers.frontend.environment.EVIL');
  });

  it('a security group description EC2 would reject is located', () => {
    const d = diagnosticsOf(
      SEED_TEXT.replace('description: Backend API servers', 'description: "Backend <API> servers"'),
    );
    expect(d[0]).toMatchObject({
      code: 'schema/pattern',
      path: 'securityGroups.backend.description',
    });
  });
});
