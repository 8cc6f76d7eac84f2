package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Namespace is the bootstrap project's config namespace.
const Namespace = "tenk-bootstrap"

// Config is the bootstrap stack's configuration (Pulumi.yaml declares every key and default).
type Config struct {
	// Region is aws:region: where the bucket and the key live. Required.
	Region string
	// SecretsAlias is the KMS alias of the secrets key. Default: "alias/tenk-pulumi-secrets".
	SecretsAlias string
	// NoncurrentVersionDays is how long an overwritten state version is kept. Default: 90.
	NoncurrentVersionDays int
	// NoncurrentVersionsKept is how many newest overwritten versions survive expiry. Default: 10.
	NoncurrentVersionsKept int
	// Protect puts protect and retainOnDelete on the key, its alias, the bucket and its settings.
	// Default: true.
	Protect bool
	// GitHubRepository ("owner/name") turns on the CI roles. Default: "" (none).
	GitHubRepository string
	// Environments get one deploy role each. Default: dev, prod.
	Environments []string
	// GitHubOIDCProviderArn is an existing GitHub OIDC provider of the account to trust instead
	// of creating one (IAM allows one per issuer). Default: "" (create it).
	GitHubOIDCProviderArn string
	// E2ERole creates the role e2e.yml assumes, with the CI roles. Default: true.
	E2ERole bool
}

// LoadConfig reads and validates the stack's config. A value of the wrong type is an error
// naming the key, like any other invalid value.
func LoadConfig(ctx *pulumi.Context) (Config, error) {
	get := func(key string) (string, bool) { return ctx.GetConfig(Namespace + ":" + key) }
	region, _ := ctx.GetConfig("aws:region")
	cfg := Config{
		Region:                 region,
		SecretsAlias:           "alias/tenk-pulumi-secrets",
		NoncurrentVersionDays:  90,
		NoncurrentVersionsKept: 10,
		Protect:                true,
		Environments:           []string{"dev", "prod"},
		E2ERole:                true,
	}
	var errs []error
	if v, ok := get("secretsAlias"); ok && v != "" {
		cfg.SecretsAlias = v
	}
	if v, ok := get("githubRepository"); ok {
		cfg.GitHubRepository = v
	}
	for key, dst := range map[string]*int{"noncurrentVersionDays": &cfg.NoncurrentVersionDays, "noncurrentVersionsKept": &cfg.NoncurrentVersionsKept} {
		if v, ok := get(key); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("  - %s:%s is %q: it must be a whole number", Namespace, key, v))
			}
			*dst = n
		}
	}
	if v, ok := get("githubOidcProviderArn"); ok {
		cfg.GitHubOIDCProviderArn = v
	}
	for key, dst := range map[string]*bool{"protect": &cfg.Protect, "e2eRole": &cfg.E2ERole} {
		if v, ok := get(key); ok {
			b, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("  - %s:%s is %q: it must be true or false", Namespace, key, v))
			}
			*dst = b
		}
	}
	if v, ok := get("environments"); ok {
		if err := json.Unmarshal([]byte(v), &cfg.Environments); err != nil {
			errs = append(errs, fmt.Errorf("  - %s:environments is %s: it must be a list of names, such as [dev, prod]", Namespace, v))
		}
	}
	if len(errs) == 0 {
		errs = append(errs, cfg.Validate())
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("invalid bootstrap config (nothing was deployed):\n%w", err)
	}
	return cfg, nil
}

// KMS alias names: "alias/" then letters, digits, "/", "_" and "-", at most 256 characters in
// all, never "alias/aws/" (KMS CreateAlias, AliasName).
var aliasPattern = regexp.MustCompile(`^alias/[A-Za-z0-9/_-]{1,250}$`)

var (
	regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)
	// GitHub owner and repository names: letters, digits, "-", "_" and ".".
	repoPattern = regexp.MustCompile(`^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$`)
	// GitHub environment names end up in the OIDC subject claim; keep them to safe characters.
	envPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	// An IAM OIDC provider's ARN ends with its issuer URL without https:// (IAM User Guide, "IAM
	// identifiers": arn:aws:iam::<account>:oidc-provider/<url>).
	oidcProviderPattern = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:oidc-provider/` + regexp.QuoteMeta(GitHubOIDCProviderURL) + `$`)
)

// Validate reports every problem at once, each naming the key, the limit and the fix.
func (c Config) Validate() error {
	var errs []error
	if !regionPattern.MatchString(c.Region) {
		errs = append(errs, fmt.Errorf("  - aws:region %q: set the region for the state bucket (pulumi config set aws:region us-east-1)", c.Region))
	}
	if !aliasPattern.MatchString(c.SecretsAlias) || strings.HasPrefix(c.SecretsAlias, "alias/aws/") {
		errs = append(errs, fmt.Errorf("  - %s:secretsAlias %q: a KMS alias starts with alias/ (not alias/aws/, which AWS reserves) and holds letters, digits, / _ - up to 256 characters; for example alias/tenk-pulumi-secrets", Namespace, c.SecretsAlias))
	}
	if c.NoncurrentVersionDays < 1 {
		errs = append(errs, fmt.Errorf("  - %s:noncurrentVersionDays is %d: S3 lifecycle NoncurrentDays must be at least 1; the default is 90", Namespace, c.NoncurrentVersionDays))
	}
	if c.NoncurrentVersionsKept < 0 || c.NoncurrentVersionsKept > 100 {
		errs = append(errs, fmt.Errorf("  - %s:noncurrentVersionsKept is %d: S3 lifecycle NewerNoncurrentVersions takes 1–100 (0 keeps none beyond the days); the default is 10", Namespace, c.NoncurrentVersionsKept))
	}
	if c.GitHubRepository != "" && !repoPattern.MatchString(c.GitHubRepository) {
		errs = append(errs, fmt.Errorf("  - %s:githubRepository %q: write it as owner/name, as in github.com/owner/name", Namespace, c.GitHubRepository))
	}
	if c.GitHubOIDCProviderArn != "" && !oidcProviderPattern.MatchString(c.GitHubOIDCProviderArn) {
		errs = append(errs, fmt.Errorf("  - %s:githubOidcProviderArn %q: give the ARN of the account's provider for %s, arn:aws:iam::<account>:oidc-provider/%s (aws iam list-open-id-connect-providers), or leave it unset to create one", Namespace, c.GitHubOIDCProviderArn, GitHubOIDCProviderURL, GitHubOIDCProviderURL))
	}
	seen := map[string]bool{}
	for _, e := range c.Environments {
		if !envPattern.MatchString(e) || seen[e] {
			errs = append(errs, fmt.Errorf("  - %s:environments has %q: each environment is a unique name of letters, digits, _ and - (a GitHub environment and a tenk stack)", Namespace, e))
		}
		seen[e] = true
	}
	return errors.Join(errs...)
}
