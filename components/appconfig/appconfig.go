package appconfig

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/components/internal/outputs"
)

// Token is AppConfig's type token; its module is "app", not the package's name (see the package
// doc). It is part of every child's URN, so it never changes.
const Token = "tenk:app:AppConfig"

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

	params, parameterArnPrefix, err := parameters(ctx, name, args, tags, parent)
	if err != nil {
		return nil, err
	}
	policy, attachments, err := grantRead(ctx, name, args, parameterArnPrefix, tags, parent)
	if err != nil {
		return nil, err
	}
	before := append(append(append([]pulumi.Resource{}, args.ReadyAfter...), params...), attachments...)
	c.PolicyArn = policy.Arn
	if c.Version, err = readyMarker(ctx, name, args, before, tags, parent); err != nil {
		return nil, err
	}
	if err := outputs.Register(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// parameters creates one String parameter per setting, in key order, and returns them with
// "arn:<partition>:ssm:<region>:<account>:parameter", a parameter ARN without its name: deriving
// it from the first one avoids a region and account lookup.
func parameters(ctx *pulumi.Context, name string, args *AppConfigArgs, tags pulumi.StringMap, parent pulumi.ResourceOption) ([]pulumi.Resource, pulumi.StringOutput, error) {
	var created []pulumi.Resource
	var parameterArnPrefix pulumi.StringOutput
	for i, key := range sortedKeys(args.Settings) {
		p, err := ssm.NewParameter(ctx, name+"-"+key, &ssm.ParameterArgs{
			Name:  pulumi.String(args.Prefix + key),
			Type:  pulumi.String("String"),
			Value: args.Settings[key],
			Tags:  tags,
		}, parent)
		if err != nil {
			return nil, pulumi.StringOutput{}, err
		}
		created = append(created, p)
		if i == 0 {
			parameterArnPrefix = p.Arn.ApplyT(func(arn string) string {
				return strings.TrimSuffix(arn, args.Prefix+key)
			}).(pulumi.StringOutput)
		}
	}
	return created, parameterArnPrefix, nil
}

func sortedKeys(m map[string]pulumi.StringInput) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
