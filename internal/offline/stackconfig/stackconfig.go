package stackconfig

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// Load reads <root>/Pulumi.yaml and <root>/Pulumi.<stack>.yaml with the Pulumi SDK's own
// loaders and merges them as `pulumi up` does: a project default fills each declared key the stack
// file leaves out, a declared key with neither fails, and every explicitly typed key's value must
// match its declared type. The result is what the CLI hands the program: "tenk:key" → string, with
// object and array values as JSON.
func Load(root, stack string) (map[string]string, error) {
	project, err := workspace.LoadProject(filepath.Join(root, "Pulumi.yaml"))
	if err != nil {
		return nil, err
	}
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	ps, err := workspace.LoadProjectStack(sink, project, filepath.Join(root, "Pulumi."+stack+".yaml"))
	if err != nil {
		return nil, err
	}
	return Merge(project, stack, ps.Config)
}

// Merge applies the project's declared defaults to a stack's config and checks the
// declared types, as the CLI does before it runs a program.
func Merge(project *workspace.Project, stack string, stackConfig config.Map) (map[string]string, error) {
	name := project.Name.String()
	var missing, problems []string
	declared := make([]string, 0, len(project.Config))
	for k := range project.Config {
		declared = append(declared, k)
	}
	sort.Strings(declared)
	merged := config.Map{}
	for k, v := range stackConfig {
		merged[k] = v
	}
	for _, k := range declared {
		decl := project.Config[k]
		key, err := parseKey(name, k)
		if err != nil {
			return nil, err
		}
		value, found := merged[key]
		if !found {
			if decl.Default == nil {
				if key.Namespace() == name {
					missing = append(missing, k)
				}
				continue
			}
			value, err = defaultValue(decl.Default)
			if err != nil {
				return nil, fmt.Errorf("default of %q: %w", k, err)
			}
			merged[key] = value
		}
		if decl.IsExplicitlyTyped() {
			raw, err := value.Value(config.NopDecrypter)
			if err != nil {
				return nil, err
			}
			var content any = raw
			if value.Object() {
				if err := json.Unmarshal([]byte(raw), &content); err != nil {
					return nil, err
				}
			}
			if !workspace.ValidateConfigValue(*decl.Type, decl.Items, content) {
				problems = append(problems, fmt.Sprintf("Stack '%s' with configuration key '%s' must be of type '%s'",
					stack, k, workspace.InferFullTypeName(*decl.Type, decl.Items)))
			}
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("Stack '%s' is missing configuration values %s", stack, strings.Join(missing, ", ")))
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	out := make(map[string]string, len(merged))
	for k, v := range merged {
		s, err := v.Value(config.NopDecrypter)
		if err != nil {
			return nil, err
		}
		out[k.String()] = s
	}
	return out, nil
}

// parseKey accepts "key" (the project's namespace) and "ns:key".
func parseKey(project, k string) (config.Key, error) {
	if strings.Contains(k, ":") {
		return config.ParseKey(k)
	}
	return config.MustMakeKey(project, k), nil
}

// defaultValue turns a YAML default into a config value the way the CLI does: primitives as
// their text, everything else as JSON.
func defaultValue(raw any) (config.Value, error) {
	switch v := raw.(type) {
	case string, bool, int, int64, float64:
		return config.NewValue(fmt.Sprint(v)), nil
	}
	simple, err := workspace.SimplifyMarshalledValue(raw)
	if err != nil {
		return config.Value{}, err
	}
	b, err := json.Marshal(simple)
	if err != nil {
		return config.Value{}, err
	}
	return config.NewObjectValue(string(b)), nil
}
