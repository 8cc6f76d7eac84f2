package appconfig

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Token is AppConfig's type token.
const Token = "tenk:app:AppConfig"

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

// AppConfig is a set of SSM parameters plus the policy that lets the application roles read them.
type AppConfig struct {
	pulumi.ResourceState

	// Prefix is the SSM path to read with GetParametersByPath.
	Prefix string
	// ReadyParameterName is the marker parameter written last, ReadyParameterName(Prefix).
	ReadyParameterName string
	// Version is the marker's value, SettingsVersion of the settings.
	Version pulumi.StringOutput
	// PolicyArn is the managed policy attached to the roles.
	PolicyArn pulumi.StringOutput
}

// NewAppConfig creates one parameter per setting, the read policy, one attachment per role and,
// after all of them and ReadyAfter, the ready marker whose value is SettingsVersion of the
// settings: readers wait for the marker, and a change of any setting changes it.
func NewAppConfig(ctx *pulumi.Context, name string, args *AppConfigArgs, opts ...pulumi.ResourceOption) (*AppConfig, error) {
	if args == nil {
		args = &AppConfigArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("app config %q: %w", name, err)
	}
	c := &AppConfig{Prefix: args.Prefix, ReadyParameterName: ReadyParameterName(args.Prefix)}
	if err := ctx.RegisterComponentResource(Token, name, c, inherit.Options(opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	tags := pulumi.ToStringMap(args.Tags)

	keys := sortedKeys(args.Settings)
	before := append([]pulumi.Resource{}, args.ReadyAfter...)
	values := make([]any, len(keys))
	var parameterArnPrefix pulumi.StringOutput
	for i, key := range keys {
		p, err := ssm.NewParameter(ctx, name+"-"+key, &ssm.ParameterArgs{
			Name:  pulumi.String(args.Prefix + key),
			Type:  pulumi.String("String"),
			Value: args.Settings[key],
			Tags:  tags,
		}, parent)
		if err != nil {
			return nil, err
		}
		before = append(before, p)
		values[i] = args.Settings[key]
		if i == 0 {
			// "arn:<partition>:ssm:<region>:<account>:parameter" is a parameter ARN without its
			// name; deriving it avoids a region and account lookup.
			parameterArnPrefix = p.Arn.ApplyT(func(arn string) string {
				return strings.TrimSuffix(arn, args.Prefix+key)
			}).(pulumi.StringOutput)
		}
	}
	document := parameterArnPrefix.ApplyT(func(arnPrefix string) (string, error) {
		return readPolicy(arnPrefix, args.Prefix).JSON()
	}).(pulumi.StringOutput)
	policy, err := iam.NewPolicy(ctx, name+"-read", &iam.PolicyArgs{
		// Kept word for word although secrets are now granted by their tiers: IAM cannot change a
		// policy's description in place, so new words would replace the policy.
		Description: pulumi.Sprintf("Read the %s settings and secrets", args.Prefix),
		Policy:      document,
		Tags:        tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	for i, role := range args.Roles {
		a, err := iam.NewRolePolicyAttachment(ctx, fmt.Sprintf("%s-attach-%d", name, i), &iam.RolePolicyAttachmentArgs{
			Role:      role,
			PolicyArn: policy.Arn,
		}, parent)
		if err != nil {
			return nil, err
		}
		before = append(before, a)
	}
	version := pulumi.All(values...).ApplyT(func(vals []any) string {
		settings := make(map[string]string, len(keys))
		for i, k := range keys {
			settings[k] = vals[i].(string)
		}
		return SettingsVersion(settings)
	}).(pulumi.StringOutput)
	// Written last (explicit DependsOn): instances boot long before the data tiers behind the
	// settings exist, and wait for this marker instead of making the group wait for them.
	if _, err := ssm.NewParameter(ctx, name+"-ready", &ssm.ParameterArgs{
		Name:        pulumi.String(c.ReadyParameterName),
		Type:        pulumi.String("String"),
		Value:       version,
		Description: pulumi.String("Written after every setting under this path and its read grants: readers wait for it. Value: SHA-256 of the settings."),
		Tags:        tags,
	}, parent, pulumi.DependsOn(before)); err != nil {
		return nil, err
	}
	c.PolicyArn = policy.Arn
	c.Version = version
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{"prefix": pulumi.String(args.Prefix), "policyArn": policy.Arn,
		"readyParameterName": pulumi.String(c.ReadyParameterName), "version": version}); err != nil {
		return nil, err
	}
	return c, nil
}

func sortedKeys(m map[string]pulumi.StringInput) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
