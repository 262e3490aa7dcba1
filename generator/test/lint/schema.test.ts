import { parseTemplateFile } from '../../src/lint/template-file';
import { checkTemplate } from '../../src/lint';
import { SCHEMA_RULES } from '../../src/lint/rules';
import type { CfnTemplate } from '../../src/lint/types';
import { check, resource, schemas, template } from './helpers';
import { secure } from './secure-resources';

const vpc = (props: Record<string, unknown> = { CidrBlock: '10.0.0.0/16' }) =>
  resource('AWS::EC2::VPC', props);
const many = <T>(n: number, make: (i: number) => [string, T]): Record<string, T> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => make(i)));

/** For each schema or limit check: a template that passes every check, and one that raises exactly that check. */
const CASES: Record<string, { pass: CfnTemplate; fail: CfnTemplate; at: string }> = {
  UNKNOWN_RESOURCE_TYPE: {
    pass: template({ Vpc: vpc() }),
    fail: template({ Vpc: resource('AWS::EC2::VPCC', { CidrBlock: '10.0.0.0/16' }) }),
    at: 'Resources.Vpc.Type',
  },
  UNKNOWN_PROPERTY: {
    pass: template({ Vpc: vpc() }),
    fail: template({ Vpc: vpc({ CidrBlock: '10.0.0.0/16', EnableDnsHostname: true }) }),
    at: 'Resources.Vpc.Properties.EnableDnsHostname',
  },
  MISSING_REQUIRED_PROPERTY: {
    pass: template({ Sg: secure.securityGroup() }),
    fail: template({ Sg: resource('AWS::EC2::SecurityGroup', { VpcId: 'vpc-0123456789abcdef0' }) }),
    at: 'Resources.Sg.Properties',
  },
  PROPERTY_TYPE: {
    pass: template({ Vpc: vpc({ CidrBlock: '10.0.0.0/16', EnableDnsSupport: 'true' }) }),
    fail: template({ Vpc: vpc({ CidrBlock: '10.0.0.0/16', EnableDnsSupport: 'yes' }) }),
    at: 'Resources.Vpc.Properties.EnableDnsSupport',
  },
  PROPERTY_ENUM: {
    pass: template({ Vm: secure.instance() }),
    fail: template({
      Vm: secure.instance({ MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'on' } }),
    }),
    at: 'Resources.Vm.Properties.MetadataOptions.HttpEndpoint',
  },
  PROPERTY_PATTERN: {
    pass: template({ Vpc: vpc() }),
    fail: template({ Vpc: vpc({ CidrBlock: '10.0.0.0/33' }) }),
    at: 'Resources.Vpc.Properties.CidrBlock',
  },
  UNKNOWN_ATTRIBUTE: {
    pass: template(
      { Vpc: vpc() },
      { Outputs: { Cidr: { Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } } } },
    ),
    fail: template(
      { Vpc: vpc() },
      { Outputs: { Cidr: { Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlok'] } } } },
    ),
    at: 'Outputs.Cidr.Value',
  },
  UNKNOWN_REF: {
    pass: template({ Vpc: vpc() }, { Outputs: { Id: { Value: { Ref: 'Vpc' } } } }),
    fail: template({ Vpc: vpc() }, { Outputs: { Id: { Value: { Ref: 'Vcp' } } } }),
    at: 'Outputs.Id.Value',
  },
  INVALID_PARAMETER: {
    pass: template(
      { Vpc: vpc() },
      {
        Parameters: {
          Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' },
          Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
          Env: {
            Type: 'String',
            Default: 'prod',
            AllowedValues: ['prod', 'dev'],
            AllowedPattern: '[a-z]+',
          },
        },
      },
    ),
    fail: template(
      { Vpc: vpc() },
      { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::ID>' } } },
    ),
    at: 'Parameters.Subnets.Type',
  },
  INVALID_OUTPUT: {
    pass: template(
      { Vpc: vpc() },
      { Outputs: { VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: 'vpc-id' } } } },
    ),
    fail: template(
      { Vpc: vpc() },
      { Outputs: { VpcId: { Value: { Ref: 'Vpc' }, Export: 'vpc-id' } } },
    ),
    at: 'Outputs.VpcId.Export',
  },
  TEMPLATE_TOO_LARGE: {
    pass: template({ Vpc: vpc() }),
    fail: template({ Vpc: vpc() }, { Description: 'x'.repeat(1_048_600) }),
    at: '',
  },
  TOO_MANY_RESOURCES: {
    pass: template(many(500, (i) => [`Vpc${i}`, vpc()])),
    fail: template(many(501, (i) => [`Vpc${i}`, vpc()])),
    at: 'Resources',
  },
  TOO_MANY_PARAMETERS: {
    pass: template({ Vpc: vpc() }, { Parameters: many(200, (i) => [`P${i}`, { Type: 'String' }]) }),
    fail: template({ Vpc: vpc() }, { Parameters: many(201, (i) => [`P${i}`, { Type: 'String' }]) }),
    at: 'Parameters',
  },
  TOO_MANY_OUTPUTS: {
    pass: template({ Vpc: vpc() }, { Outputs: many(200, (i) => [`O${i}`, { Value: 'x' }]) }),
    fail: template({ Vpc: vpc() }, { Outputs: many(201, (i) => [`O${i}`, { Value: 'x' }]) }),
    at: 'Outputs',
  },
  TOO_MANY_MAPPINGS: {
    pass: template({ Vpc: vpc() }, { Mappings: many(200, (i) => [`M${i}`, { a: { b: 'c' } }]) }),
    fail: template({ Vpc: vpc() }, { Mappings: many(201, (i) => [`M${i}`, { a: { b: 'c' } }]) }),
    at: 'Mappings',
  },
  INVALID_LOGICAL_ID: {
    pass: template({ Vpc1: vpc() }),
    fail: template({ 'Vpc-1': vpc() }),
    at: 'Resources.Vpc-1',
  },
};

describe('resource schema and template limit checks', () => {
  it('has a passing and a failing case for every check', () => {
    expect(Object.keys(CASES).sort()).toEqual(SCHEMA_RULES.map((r) => r.id).sort());
  });

  for (const { id } of SCHEMA_RULES) {
    it(`${id}: the passing case lints clean`, () => {
      expect(check(CASES[id].pass)).toEqual([]);
    });
    it(`${id}: the failing case raises exactly ${id} at ${CASES[id].at || '(template)'}`, () => {
      const findings = check(CASES[id].fail);
      expect(findings.map((f) => [f.rule, f.path.join('.')])).toEqual([[id, CASES[id].at]]);
    });
  }
});

describe('schema check details', () => {
  it('suggests the closest type, property and attribute', () => {
    expect(check(CASES.UNKNOWN_RESOURCE_TYPE.fail)[0].fix).toBe('did you mean AWS::EC2::VPC?');
    expect(check(CASES.UNKNOWN_PROPERTY.fail)[0].fix).toBe('did you mean EnableDnsHostnames?');
    expect(check(CASES.UNKNOWN_ATTRIBUTE.fail)[0].fix).toBe('did you mean CidrBlock?');
  });

  it('checks nested property types: unknown, required and typed properties inside lists of objects', () => {
    const t = template({
      Sg: secure.securityGroup([
        { IpProtocol: 'tcp', FromPort: 'http', ToPort: 80, CidrIp: '10.0.0.0/8', Descripton: 'x' },
        { FromPort: 1, ToPort: 2 },
      ]),
    });
    expect(check(t).map((f) => [f.rule, f.path.join('.')])).toEqual([
      ['PROPERTY_TYPE', 'Resources.Sg.Properties.SecurityGroupIngress.0.FromPort'],
      ['UNKNOWN_PROPERTY', 'Resources.Sg.Properties.SecurityGroupIngress.0.Descripton'],
      ['MISSING_REQUIRED_PROPERTY', 'Resources.Sg.Properties.SecurityGroupIngress.1'],
      ['PROPERTY_PATTERN', 'Resources.Sg.Properties.SecurityGroupIngress.0.FromPort'],
    ]);
  });

  it('accepts intrinsic functions wherever a value goes, and strings for numbers', () => {
    const t = template(
      {
        Sg: secure.securityGroup([
          {
            IpProtocol: 'tcp',
            FromPort: '80',
            ToPort: { Ref: 'Port' },
            CidrIp: { 'Fn::Sub': '${Cidr}' },
          },
        ]),
      },
      { Parameters: { Port: { Type: 'Number' }, Cidr: { Type: 'String' } } },
    );
    expect(check(t)).toEqual([]);
  });

  it('a list where a scalar belongs and a scalar where a list belongs are type errors', () => {
    const t = template({
      Vm: secure.instance({ InstanceType: ['t3.micro'], SecurityGroupIds: 'sg-1' }),
    });
    expect(check(t).map((f) => f.message)).toEqual([
      'InstanceType must be a string, got a list',
      'SecurityGroupIds must be a list of string, got string "sg-1"',
    ]);
  });

  it('checks ${Res.Attr} and ${Name} inside Fn::Sub, and DependsOn targets', () => {
    const t = template(
      { Vpc: vpc(), Sg: { ...secure.securityGroup(), DependsOn: ['Vpcc'] } },
      {
        Outputs: {
          A: { Value: { 'Fn::Sub': '${Vpc.CidrBlok}-${AWS::Region}-${Nope}-${!Literal}' } },
        },
      },
    );
    expect(check(t).map((f) => [f.rule, f.message])).toEqual([
      ['UNKNOWN_REF', 'DependsOn names Vpcc, which is not a resource of this template'],
      ['UNKNOWN_ATTRIBUTE', 'AWS::EC2::VPC has no attribute CidrBlok (GetAtt Vpc.CidrBlok)'],
      [
        'UNKNOWN_REF',
        'Ref to Nope, which is not a parameter, resource or pseudo parameter of this template',
      ],
    ]);
  });

  it('checks parameter defaults against AllowedValues and AllowedPattern, and suggests parameter types', () => {
    const t = template(
      { Vpc: vpc() },
      {
        Parameters: {
          A: { Type: 'String', Default: 'qa', AllowedValues: ['prod', 'dev'] },
          B: { Type: 'String', Default: 'Prod1', AllowedPattern: '[a-z]+' },
          C: { Type: 'Strng' },
        },
      },
    );
    expect(check(t).map((f) => [f.path.join('.'), f.fix])).toEqual([
      ['Parameters.A.Default', 'make the default one of the allowed values'],
      ['Parameters.B.Default', 'make the default match the pattern'],
      ['Parameters.C.Type', 'did you mean String?'],
    ]);
  });

  it('checks condition and mapping names', () => {
    const t = template(
      {
        Vpc: {
          ...vpc({ CidrBlock: { 'Fn::FindInMap': ['Cidrs', { Ref: 'AWS::Region' }, 'Vpc'] } }),
          Condition: 'IsProd',
        },
      },
      {
        Conditions: {
          IsProd: { 'Fn::Equals': ['a', 'b'] },
          Both: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'IsPord' }] },
        },
        Mappings: { Cidr: { 'us-east-1': { Vpc: '10.0.0.0/16' } } },
        Outputs: { A: { Value: { 'Fn::If': ['IsTest', 'a', 'b'] } } },
      },
    );
    expect(check(t).map((f) => [f.rule, f.path.join('.'), f.message, f.fix])).toEqual([
      [
        'UNKNOWN_REF',
        'Resources.Vpc.Properties.CidrBlock',
        'mapping Cidrs is not declared in Mappings',
        'did you mean Cidr?',
      ],
      [
        'UNKNOWN_REF',
        'Conditions.Both.Fn::And.1',
        'condition IsPord is not declared in Conditions',
        'did you mean IsProd?',
      ],
      [
        'UNKNOWN_REF',
        'Outputs.A.Value',
        'condition IsTest is not declared in Conditions',
        'declare it under Conditions',
      ],
    ]);
  });

  it('leaves custom resources free-form but still checks references to them', () => {
    const t = template(
      { C: resource('Custom::Thing', { ServiceToken: 'arn:x', Anything: 1 }) },
      { Outputs: { A: { Value: { 'Fn::GetAtt': ['C', 'Whatever'] } } } },
    );
    expect(check(t)).toEqual([]);
  });

  it('reads short-form YAML tags and reports template line and column', () => {
    const text = [
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties:',
      '      CidrBlock: 10.0.0.0/16',
      'Outputs:',
      '  A:',
      '    Value: !GetAtt Vpc.Nope',
      '  B:',
      '    Value: !Sub "${Vpc}-${AWS::StackName}"',
      '',
    ].join('\n');
    const file = parseTemplateFile('out/network.yaml', text);
    expect(file.template.Outputs?.A.Value).toEqual({ 'Fn::GetAtt': ['Vpc', 'Nope'] });
    const [f] = checkTemplate(file, schemas());
    expect(f.rule).toBe('UNKNOWN_ATTRIBUTE');
    expect(file.positionOf(f.path)).toEqual({ file: 'out/network.yaml', line: 8, column: 5 });
  });

  it('reports a resource without a Type (or with no body at all) instead of crashing', () => {
    const t = { Resources: { Empty: null, NoType: { Properties: {} } } } as unknown as CfnTemplate;
    expect(check(t).map((f) => [f.rule, f.resource, f.message])).toEqual([
      ['UNKNOWN_RESOURCE_TYPE', 'Empty', 'resource Empty has no Type'],
      ['UNKNOWN_RESOURCE_TYPE', 'NoType', 'resource NoType has no Type'],
    ]);
  });

  it('reports bad YAML as a located error', () => {
    expect(() => parseTemplateFile('out/x.yaml', 'Resources:\n  A: [\n')).toThrow(
      /^out\/x\.yaml:\d+:\d+: not valid YAML/,
    );
  });
});
