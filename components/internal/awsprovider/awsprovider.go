// Package awsprovider builds the explicit AWS providers components need in a fixed region (CloudFront's
// certificate, log delivery and WAF live in us-east-1) so that they act for the same account, with
// the same credentials and tags, as the stack's default provider.
package awsprovider

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// RegionKey is the stack config key of the default provider's region.
const RegionKey = "aws:region"

// ForRegion returns the provider children in region must use: nil (the default provider, with
// every `aws:` setting of the stack) when the stack's `aws:region` already is region, otherwise a
// new provider named name for region that carries the stack's settings (StackSettings). When
// `aws:region` is unset the default provider's region comes from the environment, which a program
// must not guess, so a provider is created.
func ForRegion(ctx *pulumi.Context, name, region string, opts ...pulumi.ResourceOption) (pulumi.ProviderResource, error) {
	if stackRegion, _ := ctx.GetConfig(RegionKey); stackRegion == region {
		return nil, nil
	}
	args, err := StackSettings(ctx)
	if err != nil {
		return nil, err
	}
	args.Region = pulumi.String(region)
	return aws.NewProvider(ctx, name, args, opts...)
}

// Given reports whether a caller's options name a provider (pulumi.Provider or Providers). A
// component given one must not make a fixed-region provider from the stack's settings, which may
// be another account's: it asks the caller for that region's provider instead. Pulumi does not
// expose a provider's package, so any provider counts.
func Given(opts []pulumi.ResourceOption) bool {
	o, err := pulumi.NewResourceOptions(opts...)
	return err == nil && (o.Provider != nil || len(o.Providers) > 0)
}

// Option returns pulumi.Provider(p), or an option that changes nothing for the default provider
// (nil): pulumi.Provider(nil) would panic.
func Option(p pulumi.ProviderResource) pulumi.ResourceOption {
	if p == nil {
		return pulumi.Providers()
	}
	return pulumi.Provider(p)
}

// StackSettings returns provider arguments holding every `aws:` setting of the stack that does not
// depend on the region: credentials (profile, shared files, static keys, assumed roles), account
// guards (allowedAccountIds, forbiddenAccountIds), tag rules (defaultTags, ignoreTags) and client
// settings (retries, proxies, endpoints modes). An explicit aws.Provider inherits none of them
// (Pulumi AWS provider docs, "Explicit provider configuration"). Region, stsRegion and endpoints
// are left out: they name region-specific addresses. Static keys stay secret.
func StackSettings(ctx *pulumi.Context) (*aws.ProviderArgs, error) {
	r := reader{ctx: ctx}
	a := &aws.ProviderArgs{
		Profile:                        r.str("profile"),
		AccessKey:                      r.secret("accessKey"),
		SecretKey:                      r.secret("secretKey"),
		Token:                          r.secret("token"),
		SharedConfigFiles:              r.strings("sharedConfigFiles"),
		SharedCredentialsFiles:         r.strings("sharedCredentialsFiles"),
		AllowedAccountIds:              r.strings("allowedAccountIds"),
		ForbiddenAccountIds:            r.strings("forbiddenAccountIds"),
		CustomCaBundle:                 r.str("customCaBundle"),
		HttpProxy:                      r.str("httpProxy"),
		HttpsProxy:                     r.str("httpsProxy"),
		NoProxy:                        r.str("noProxy"),
		RetryMode:                      r.str("retryMode"),
		MaxRetries:                     r.integer("maxRetries"),
		Ec2MetadataServiceEndpoint:     r.str("ec2MetadataServiceEndpoint"),
		Ec2MetadataServiceEndpointMode: r.str("ec2MetadataServiceEndpointMode"),
		Insecure:                       r.boolean("insecure"),
		SkipCredentialsValidation:      r.boolean("skipCredentialsValidation"),
		SkipMetadataApiCheck:           r.boolean("skipMetadataApiCheck"),
		SkipRequestingAccountId:        r.boolean("skipRequestingAccountId"),
		UseFipsEndpoint:                r.boolean("useFipsEndpoint"),
		UseDualstackEndpoint:           r.boolean("useDualstackEndpoint"),
	}
	r.assumeRoles(a)
	r.tagRules(a)
	if err := errors.Join(r.errs...); err != nil {
		return nil, err
	}
	return a, nil
}

// assumeRoles sets the provider's assumeRole and assumeRoleWithWebIdentity from the stack's.
func (r *reader) assumeRoles(a *aws.ProviderArgs) {
	var role *struct {
		Duration          *string           `json:"duration"`
		ExternalID        *string           `json:"externalId"`
		Policy            *string           `json:"policy"`
		PolicyArns        []string          `json:"policyArns"`
		RoleArn           *string           `json:"roleArn"`
		SessionName       *string           `json:"sessionName"`
		SourceIdentity    *string           `json:"sourceIdentity"`
		Tags              map[string]string `json:"tags"`
		TransitiveTagKeys []string          `json:"transitiveTagKeys"`
	}
	if r.object("assumeRole", &role); role != nil {
		a.AssumeRole = aws.ProviderAssumeRoleArgs{
			Duration: pulumi.StringPtrFromPtr(role.Duration), ExternalId: pulumi.StringPtrFromPtr(role.ExternalID),
			Policy: pulumi.StringPtrFromPtr(role.Policy), PolicyArns: pulumi.ToStringArray(role.PolicyArns),
			RoleArn: pulumi.StringPtrFromPtr(role.RoleArn), SessionName: pulumi.StringPtrFromPtr(role.SessionName),
			SourceIdentity: pulumi.StringPtrFromPtr(role.SourceIdentity), Tags: pulumi.ToStringMap(role.Tags),
			TransitiveTagKeys: pulumi.ToStringArray(role.TransitiveTagKeys),
		}
	}
	var web *struct {
		Duration             *string  `json:"duration"`
		Policy               *string  `json:"policy"`
		PolicyArns           []string `json:"policyArns"`
		RoleArn              *string  `json:"roleArn"`
		SessionName          *string  `json:"sessionName"`
		WebIdentityToken     *string  `json:"webIdentityToken"`
		WebIdentityTokenFile *string  `json:"webIdentityTokenFile"`
	}
	if r.object("assumeRoleWithWebIdentity", &web); web != nil {
		w := aws.ProviderAssumeRoleWithWebIdentityArgs{
			Duration: pulumi.StringPtrFromPtr(web.Duration), Policy: pulumi.StringPtrFromPtr(web.Policy),
			PolicyArns: pulumi.ToStringArray(web.PolicyArns), RoleArn: pulumi.StringPtrFromPtr(web.RoleArn),
			SessionName: pulumi.StringPtrFromPtr(web.SessionName), WebIdentityTokenFile: pulumi.StringPtrFromPtr(web.WebIdentityTokenFile),
		}
		if web.WebIdentityToken != nil {
			w.WebIdentityToken = pulumi.ToSecret(pulumi.String(*web.WebIdentityToken)).(pulumi.StringOutput)
		}
		a.AssumeRoleWithWebIdentity = w
	}
}

// tagRules sets the provider's defaultTags and ignoreTags from the stack's.
func (r *reader) tagRules(a *aws.ProviderArgs) {
	var tags *struct {
		Tags map[string]string `json:"tags"`
	}
	if r.object("defaultTags", &tags); tags != nil {
		a.DefaultTags = aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(tags.Tags)}
	}
	var ignore *struct {
		KeyPrefixes []string `json:"keyPrefixes"`
		Keys        []string `json:"keys"`
	}
	if r.object("ignoreTags", &ignore); ignore != nil {
		a.IgnoreTags = aws.ProviderIgnoreTagsArgs{KeyPrefixes: pulumi.ToStringArray(ignore.KeyPrefixes), Keys: pulumi.ToStringArray(ignore.Keys)}
	}
}

// reader reads `aws:` keys, collecting one error per malformed value.
type reader struct {
	ctx  *pulumi.Context
	errs []error
}

func (r *reader) raw(key string) (string, bool) {
	v, ok := r.ctx.GetConfig("aws:" + key)
	return v, ok && v != ""
}

func (r *reader) str(key string) pulumi.StringPtrInput {
	if v, ok := r.raw(key); ok {
		return pulumi.String(v)
	}
	return nil
}

func (r *reader) secret(key string) pulumi.StringPtrInput {
	if v, ok := r.raw(key); ok {
		return pulumi.ToSecret(pulumi.String(v)).(pulumi.StringOutput)
	}
	return nil
}

func (r *reader) strings(key string) pulumi.StringArrayInput {
	var list []string
	if r.object(key, &list); list == nil {
		return nil
	}
	return pulumi.ToStringArray(list)
}

func (r *reader) boolean(key string) pulumi.BoolPtrInput {
	s, ok := r.raw(key)
	if !ok {
		return nil
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("aws:%s is %q: use true or false", key, s))
		return nil
	}
	return pulumi.Bool(v)
}

func (r *reader) integer(key string) pulumi.IntPtrInput {
	s, ok := r.raw(key)
	if !ok {
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("aws:%s is %q: use a whole number", key, s))
		return nil
	}
	return pulumi.Int(v)
}

// object decodes a structured value (object or list, stored as JSON) into target.
func (r *reader) object(key string, target any) {
	v, ok := r.raw(key)
	if !ok {
		return
	}
	if err := json.Unmarshal([]byte(v), target); err != nil {
		r.errs = append(r.errs, fmt.Errorf("aws:%s is not valid for the AWS provider (%v): set it as in `pulumi config set --path`", key, err))
	}
}
