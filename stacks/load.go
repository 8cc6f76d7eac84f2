package stacks

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// LoadConfig reads the stack's config, starts from the baseline of its tenk:environment, applies
// the stack's settings and validates the result. The error lists every problem at once.
func LoadConfig(ctx *pulumi.Context) (Config, error) {
	raw := map[string]string{}
	var secret []string
	for _, k := range append(TopLevelKeys(), stackKeys()...) {
		k = Namespace + ":" + strings.TrimPrefix(k, Namespace+":")
		if _, seen := raw[k]; seen {
			continue // a top-level key the stack sets is listed twice
		}
		if v, ok := ctx.GetConfig(k); ok {
			raw[k] = v
			if ctx.IsConfigSecret(k) {
				secret = append(secret, k)
			}
		}
	}
	cfg, l := parseConfig(raw)
	checkImageRegion(&l, cfg, stackRegion(ctx))
	for _, k := range secret {
		// tenk reads its settings as plain values: they become resource inputs, SSM parameters and
		// user data that the state and AWS show in the clear.
		l.Addf(k, "holds a secret (set with --secret), but tenk's settings are plain values that reach resource inputs, SSM parameters and the launch template's user data in the clear: keep secrets in AWS Secrets Manager, read them from the application at run time, and set this key without --secret")
	}
	return cfg, problems(l)
}

// stackKeys lists the keys of the tenk namespace the stack sets. pulumi.Context can look a key
// up but not list them; the Pulumi CLI hands a Go program its whole config as a JSON object in
// pulumi.EnvConfig (PULUMI_CONFIG), which is where the SDK reads it too. LoadConfig keeps only
// the keys the context confirms, so a stale variable cannot invent keys; where the variable is
// absent (an Automation API inline program), misspelled keys go unnoticed.
func stackKeys() []string {
	var all map[string]string
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &all); err != nil {
		return nil
	}
	var out []string
	for k := range all {
		if strings.HasPrefix(k, Namespace+":") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// ParseConfig is LoadConfig over raw values keyed "tenk:<key>" (keys of other namespaces are
// ignored): what the Pulumi CLI passes a program, strings with objects and arrays as JSON. It
// starts from the baseline of tenk:environment, applies the stack's settings, gives the settings
// the stack did not write the baseline of the engines and modes it picks (in prod, refusing to
// drop an availability value that way), and validates the result. A setting the stack writes is
// used as written or reported: never swapped for a baseline or a component default.
func ParseConfig(raw map[string]string) (Config, error) {
	cfg, l := parseConfig(raw)
	return cfg, problems(l)
}

// parseConfig is ParseConfig with its problems as a list, for LoadConfig to add to.
func parseConfig(raw map[string]string) (Config, fielderr.List) {
	var l fielderr.List
	env := parseEnvironment(&l, raw[Namespace+":environment"])
	base := Baseline(env)
	cfg, written := schema.Decode(&l, raw, base)
	cfg.Environment = env
	guard := ""
	if env == Prod {
		guard = string(Prod)
	}
	schema.Rebase(&l, &cfg, base, written, guard)
	validate(&l, cfg, written)
	return cfg, l
}

// parseEnvironment reads tenk:environment; a missing or unknown one is reported and dev's
// baseline used, so the other keys are still checked.
func parseEnvironment(l *fielderr.List, raw string) Environment {
	switch env := Environment(raw); env {
	case Dev, Prod:
		return env
	case "":
		l.Addf(Namespace+":environment", "is not set: set it to \"dev\" or \"prod\" in Pulumi.<stack>.yaml")
	default:
		l.Addf(Namespace+":environment", "is %q: it must be \"dev\" or \"prod\"", raw)
	}
	return Dev
}

// problems is the error a bad config fails with: every problem, one per line, by key.
func problems(l fielderr.List) error {
	if len(l) == 0 {
		return nil
	}
	err := l.Err().(fielderr.List)
	noun := "problems"
	if len(err) == 1 {
		noun = "problem"
	}
	lines := strings.Split(err.Error(), "\n")
	return fmt.Errorf("invalid stack config (%d %s; nothing was deployed):\n  - %s", len(lines), noun, strings.Join(lines, "\n  - "))
}
