package appconfig

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ReadyKey names the marker parameter (Prefix+ReadyKey) that AppConfig writes after every
// setting and every read grant exists. Its value is SettingsVersion of the settings, so a reader
// knows both that the set is complete and whether what it read is the current set. The key is
// reserved: Settings may not use it.
const ReadyKey = "SETTINGS_VERSION"

// ReadyParameterName is the marker parameter's full name under prefix, such as
// "/tenk/prod/SETTINGS_VERSION".
func ReadyParameterName(prefix string) string { return prefix + ReadyKey }

// SettingsVersion is the hex SHA-256 of the settings written one per line as "KEY=VALUE\n" in
// byte order of the keys. Readers recompute it over what they fetched (without ReadyKey) to
// check they saw the whole current set; the boot unit tenk writes does exactly that.
func SettingsVersion(settings map[string]string) string {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(settings[k])
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// ReadResources are the resources a reader of the settings under prefix needs, given the
// account's parameter ARN prefix ("arn:<partition>:ssm:<region>:<account>:parameter"):
// GetParametersByPath is authorised against the path exactly as the caller passes it, with or
// without its trailing slash (SSM user guide, "How Parameter Store authorizes parameter
// retrieval"; the denial names "...:parameter/a/b/"), so both forms are granted;
// GetParameter(s) are authorised against each parameter, all under prefix.
func ReadResources(parameterArnPrefix, prefix string) (byPath, parameters []string) {
	path := parameterArnPrefix + prefix
	return []string{strings.TrimSuffix(path, "/"), path}, []string{path + "*"}
}

// readyMarker writes the ready marker after every resource in before and returns its value,
// SettingsVersion of the settings. It is written last (explicit DependsOn): instances boot long
// before the data tiers behind the settings exist, and wait for this marker instead of making the
// group wait for them.
func readyMarker(ctx *pulumi.Context, name string, args *AppConfigArgs, before []pulumi.Resource, tags pulumi.StringMap, parent pulumi.ResourceOption) (pulumi.StringOutput, error) {
	keys := sortedKeys(args.Settings)
	values := make([]any, len(keys))
	for i, k := range keys {
		values[i] = args.Settings[k]
	}
	version := pulumi.All(values...).ApplyT(func(vals []any) string {
		settings := make(map[string]string, len(keys))
		for i, k := range keys {
			settings[k] = vals[i].(string)
		}
		return SettingsVersion(settings)
	}).(pulumi.StringOutput)
	_, err := ssm.NewParameter(ctx, name+"-ready", &ssm.ParameterArgs{
		Name:        pulumi.String(ReadyParameterName(args.Prefix)),
		Type:        pulumi.String("String"),
		Value:       version,
		Description: pulumi.String("Written after every setting under this path and its read grants: readers wait for it. Value: SHA-256 of the settings."),
		Tags:        tags,
	}, parent, pulumi.DependsOn(before))
	return version, err
}
