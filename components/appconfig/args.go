package appconfig

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// AppConfigArgs configures an AppConfig.
type AppConfigArgs struct {
	// Prefix is the SSM path every parameter lives under, such as "/tenk/prod/". Required: it
	// must start and end with "/".
	Prefix string
	// Settings are the non-secret values the application reads at boot, one String parameter
	// each, named Prefix+key. At least one is required, and ReadyKey is reserved. Never put a
	// password here: pass its secret's ARN instead.
	Settings map[string]pulumi.StringInput
	// Roles are the IAM role names granted read access. Default: none.
	Roles []pulumi.StringInput
	// ReadyAfter are further resources the readers need before they start (another grant to
	// the same roles, say); the ready marker (ReadyParameterName) is written after them too.
	// Default: none.
	ReadyAfter []pulumi.Resource
	// Tags are added to every parameter and the policy. Default: none.
	Tags map[string]string
}

// SSM parameter names: letters, digits and . - _ in each path segment (SSM PutParameter).
var validKey = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,128}$`)

// Validate reports every problem, each at its field path, before anything is registered.
func (a AppConfigArgs) Validate() error {
	var l fielderr.List
	if !strings.HasPrefix(a.Prefix, "/") || !strings.HasSuffix(a.Prefix, "/") || strings.Contains(a.Prefix, "//") || strings.HasPrefix(strings.ToLower(a.Prefix), "/aws") || strings.HasPrefix(strings.ToLower(a.Prefix), "/ssm") {
		l.Addf("Prefix", "is %q: use a path such as \"/myapp/prod/\" that starts and ends with \"/\" and does not start with /aws or /ssm (reserved by SSM)", a.Prefix)
	}
	for _, k := range sortedKeys(a.Settings) {
		path := fmt.Sprintf("Settings[%q]", k)
		if !validKey.MatchString(k) {
			l.Addf(path, "is not a parameter name: use 1–128 letters, digits, '.', '-' or '_'")
		}
		if k == ReadyKey {
			l.Addf(path, "names the ready marker AppConfig writes itself: rename the setting")
		}
	}
	if len(a.Settings) == 0 {
		l.Addf("Settings", "is empty: give the application at least one setting to read")
	}
	return l.Err()
}
