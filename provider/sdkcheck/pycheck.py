"""Checks a Python example against a generated tenk Python SDK, with no Pulumi SDK installed.

Usage: python3 pycheck.py SDK_ROOT PACKAGE EXAMPLE SHOWN_AS

Every file of the SDK must compile. In the example, every `tenk.<module>.<Component>(...)` must
name a generated component, every keyword one of its inputs, every key of a dict literal given
to an object input a field of that input's ArgsDict, and every attribute read from a component
one of its outputs. Prints one JSON object: the problems found and how much was checked.
"""
import ast
import json
import pathlib
import re
import sys


def getter_name(func):
    """The schema name a @pulumi.getter(name=...) declares, else the Python name."""
    for d in func.decorator_list:
        if isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "getter":
            for kw in d.keywords:
                if kw.arg == "name":
                    return kw.value.value
            return func.name
        if getattr(d, "attr", "") == "getter":
            return func.name
    return None


def component_of(cls):
    """A component class's token, inputs (Python name → annotation) and outputs."""
    token, inputs, outputs = None, {}, {}
    for item in cls.body:
        if not isinstance(item, ast.FunctionDef):
            continue
        if item.name == "_internal_init":
            args = item.args.args + item.args.kwonlyargs
            for a in args:
                if a.arg not in ("__self__", "resource_name", "opts", "__props__"):
                    inputs[a.arg] = ast.unparse(a.annotation) if a.annotation else ""
            for node in ast.walk(item):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "__init__" and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        token = first.value
        name = getter_name(item)
        if name is not None:
            outputs[item.name] = name
    return token, inputs, outputs


def load_sdk(root, package):
    problems, components, dicts = [], {}, {}
    base = root / package
    for path in sorted(base.rglob("*.py")):
        try:
            tree = ast.parse(path.read_text(), filename=str(path))
            compile(tree, str(path), "exec")
        except SyntaxError as e:
            problems.append(f"{path}:{e.lineno}: the generated SDK does not compile: {e.msg}")
            continue
        module = path.parent.name if path.parent != base else ""
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef):
                continue
            bases = [ast.unparse(b) for b in cls.bases]
            if "pulumi.ComponentResource" in bases:
                components[(module, cls.name)] = component_of(cls)
            elif cls.name.endswith("ArgsDict"):
                dicts[cls.name] = {
                    i.target.id: ast.unparse(i.annotation)
                    for i in cls.body
                    if isinstance(i, ast.AnnAssign) and isinstance(i.target, ast.Name)
                }
    return problems, components, dicts


ARGS_DICT = re.compile(r"'(\w+ArgsDict)'")


def check_dict(node, annotation, dicts, where, problems, counts):
    """A dict literal given where annotation names an ArgsDict: its keys are that type's fields."""
    m = ARGS_DICT.search(annotation)
    if not m or not isinstance(node, ast.Dict):
        return
    fields = dicts.get(m.group(1), {})
    for k, v in zip(node.keys, node.values):
        if isinstance(k, ast.Constant) and isinstance(k.value, str):
            counts["keys"] += 1
            if k.value not in fields:
                problems.append(f"{where(k.lineno)}: {m.group(1)} has no field {k.value!r} (fields: {', '.join(sorted(fields))})")
            else:
                check_dict(v, fields[k.value], dicts, where, problems, counts)


def main():
    root, package, example, shown = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    problems, components, dicts = load_sdk(root, package)
    tree = ast.parse(pathlib.Path(example).read_text(), filename=example)
    where = lambda line: f"{shown}:{line}"
    counts = {"calls": 0, "keywords": 0, "keys": 0, "attributes": 0, "components": len(components)}

    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name == package:
                    aliases.add(a.asname or a.name)
                elif "tenk" in a.name:
                    problems.append(f"{where(node.lineno)}: imports {a.name}; the generated SDK is {package}")
    if not aliases:
        problems.append(f"{shown}: does not import {package}")

    def component_call(call):
        f = call.func
        if (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute)
                and isinstance(f.value.value, ast.Name) and f.value.value.id in aliases):
            return (f.value.attr, f.attr)
        return None

    variables = {}  # name → component key, from `x = tenk.mod.Component(...)`
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            key = component_call(node.value)
            for t in node.targets:
                if key and isinstance(t, ast.Name):
                    variables[t.id] = key

    for call in ast.walk(tree):
        key = isinstance(call, ast.Call) and component_call(call)
        if not key:
            continue
        counts["calls"] += 1
        if key not in components:
            problems.append(f"{where(call.lineno)}: the SDK has no {'.'.join(key)}")
            continue
        token, inputs, _ = components[key]
        for kw in call.keywords:
            if kw.arg in (None, "opts"):
                continue
            counts["keywords"] += 1
            if kw.arg not in inputs:
                problems.append(f"{where(kw.value.lineno)}: {token} has no input {kw.arg!r}")
                continue
            check_dict(kw.value, inputs[kw.arg], dicts, lambda line: f"{where(line)}: {token} property {kw.arg}", problems, counts)

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in variables:
            counts["attributes"] += 1
            token, _, outputs = components.get(variables[node.value.id], ("", {}, {}))
            if variables[node.value.id] in components and node.attr not in outputs and node.attr != "urn":
                problems.append(f"{where(node.lineno)}: {token} has no output {node.attr!r}")

    json.dump({"problems": problems, "checked": counts}, sys.stdout)


main()
