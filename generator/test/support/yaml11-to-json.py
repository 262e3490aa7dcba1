"""Reads CloudFormation YAML files with PyYAML (YAML 1.1, the parser cfn-lint uses) and prints
{file: value} as JSON, short-form tags in their long form, so a test can compare the values with
what the `yaml` package (YAML 1.2) read. Values JSON cannot hold (dates, sets) are marked, so a
YAML 1.1 reading that differs in type shows up as a difference, never as a crash."""
import json
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    pass


def construct(loader, suffix, node):
    name = suffix if suffix in ("Ref", "Condition") else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            head, _, tail = value.partition(".")
            value = [head, tail]
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


CfnLoader.add_multi_constructor("!", construct)


def marked(value):
    return {"__yaml11__": type(value).__name__, "text": str(value)}


out = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        try:
            out[path] = {"value": yaml.load(handle, Loader=CfnLoader)}
        except yaml.YAMLError as error:
            out[path] = {"error": str(error)}
json.dump(out, sys.stdout, default=marked)
