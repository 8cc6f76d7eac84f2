package e2e

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
)

// Settings are what one acceptance run deploys and how; they come from the environment
// (LoadSettings) so that `make e2e` and CI need no flags.
type Settings struct {
	// Variant is the stack shape to deploy. Default: VariantDev (TENK_E2E_VARIANT, or VARIANT
	// through make).
	Variant Variant
	// Stack is the throwaway stack's name, "e2e-" and six random letters and digits.
	Stack string
	// Region is the AWS region to deploy to. Default: TENK_E2E_REGION, else AWS_REGION, else
	// AWS_DEFAULT_REGION, else "us-east-1".
	Region string
	// Keep leaves the stack deployed after the run for debugging (TENK_E2E_KEEP=1). Default false.
	Keep bool
	// Domain and HostedZoneID are the site's name and its Route 53 zone, for VariantDomain only
	// (TENK_E2E_DOMAIN, TENK_E2E_ZONE_ID). Default "".
	Domain, HostedZoneID string
	// ResultsDir is where the results file is written. Default "results" (e2e/results: go test
	// runs in the package directory); TENK_E2E_RESULTS_DIR overrides it.
	ResultsDir string
	// BackendURL is where the stack's state lives (TENK_E2E_BACKEND_URL, such as bootstrap's
	// e2eBackendUrl output). Default "": a temporary directory on this machine, which a killed
	// run on a CI runner loses, so CI requires it.
	BackendURL string
	// SecretsProvider encrypts the stack's secrets in BackendURL (TENK_E2E_SECRETS_PROVIDER,
	// bootstrap's secretsProvider output). Default "": the passphrase provider with
	// PULUMI_CONFIG_PASSPHRASE.
	SecretsProvider string
	// CI is true when CI=true (GitHub Actions sets it): a run that cannot happen then fails
	// instead of skipping, so a misconfigured workflow never passes green.
	CI bool
}

// Getenv looks up an environment variable; os.Getenv in the test, a map in unit tests.
type Getenv func(key string) string

// NewStackName returns "e2e-" and six random lowercase letters and digits from r.
func NewStackName(r *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return "e2e-" + string(b)
}

// LoadSettings reads the settings from the environment. The error names the variable to fix.
func LoadSettings(getenv Getenv, r *rand.Rand) (Settings, error) {
	s := Settings{
		Variant:         Variant(strings.TrimSpace(getenv("TENK_E2E_VARIANT"))),
		Stack:           NewStackName(r),
		Keep:            isTrue(getenv("TENK_E2E_KEEP")),
		Domain:          strings.TrimSpace(getenv("TENK_E2E_DOMAIN")),
		HostedZoneID:    strings.TrimSpace(getenv("TENK_E2E_ZONE_ID")),
		ResultsDir:      getenv("TENK_E2E_RESULTS_DIR"),
		BackendURL:      strings.TrimSpace(getenv("TENK_E2E_BACKEND_URL")),
		SecretsProvider: strings.TrimSpace(getenv("TENK_E2E_SECRETS_PROVIDER")),
		CI:              isTrue(getenv("CI")),
	}
	if s.Variant == "" {
		s.Variant = VariantDev
	}
	if _, ok := variants[s.Variant]; !ok {
		return s, fmt.Errorf("TENK_E2E_VARIANT (make e2e VARIANT=…) is %q: use one of %s", s.Variant, strings.Join(VariantNames(), ", "))
	}
	for _, key := range []string{"TENK_E2E_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			s.Region = v
			break
		}
	}
	if s.Region == "" {
		s.Region = "us-east-1"
	}
	if s.ResultsDir == "" {
		s.ResultsDir = "results"
	}
	return s, nil
}

func isTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes":
		return true
	}
	return false
}

// Tool says whether a command is installed (exec.LookPath in the test).
type Tool func(name string) bool

// HasTool is the Tool of this machine.
func HasTool(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}

// SkipReason says why this machine cannot run the acceptance test, or "" when it can: the
// Pulumi CLI (the Automation API drives it) and the AWS CLI (the probes use it) must be
// installed, credentials must work (callerIdentity is `aws sts get-caller-identity`, called
// only when both tools exist), the domain variant needs its domain and zone, and the
// application variants need Docker (their image is built during `pulumi up`).
func SkipReason(s Settings, has Tool, callerIdentity func() (string, error)) string {
	if !has("pulumi") {
		return "e2e skipped: no `pulumi` CLI on PATH; install it (https://www.pulumi.com/docs/install/) to run the acceptance test"
	}
	if !has("aws") {
		return "e2e skipped: no `aws` CLI on PATH; the probes call AWS through it (https://aws.amazon.com/cli/)"
	}
	if s.Variant == VariantDomain && (s.Domain == "" || s.HostedZoneID == "") {
		return "e2e skipped: VARIANT=domain needs TENK_E2E_DOMAIN (a name in a Route 53 zone you own) and TENK_E2E_ZONE_ID (that zone's ID)"
	}
	if builds(s) && !has("docker") {
		return fmt.Sprintf("e2e skipped: VARIANT=%s builds the reference application's image during `pulumi up` (tenk:app.build): it needs Docker with BuildKit (Docker Engine 23+ or Docker Desktop) on this machine", s.Variant)
	}
	if _, err := callerIdentity(); err != nil {
		return fmt.Sprintf("e2e skipped: no usable AWS credentials (aws sts get-caller-identity: %v); configure any method the AWS CLI accepts (AWS_PROFILE, SSO, environment variables)", firstLine(err.Error()))
	}
	return ""
}

// builds is true when s's variant builds an image during `pulumi up` (tenk:app.build).
func builds(s Settings) bool {
	f := variantConfig(s.Variant)
	if f == nil {
		return false
	}
	_, shape := f(s)
	return shape.App
}

// Unrunnable says why this run cannot happen ("" when it can) and whether that fails the test:
// on a developer's machine a missing tool, domain or credential skips it, under CI=true it
// fails, and CI must also keep the state in a shared backend (BackendURL) so that a cancelled
// run leaves state from which its resources can be destroyed.
func Unrunnable(s Settings, has Tool, callerIdentity func() (string, error)) (reason string, fail bool) {
	reason = SkipReason(s, has, callerIdentity)
	if reason == "" && s.CI && s.BackendURL == "" {
		reason = "e2e skipped: TENK_E2E_BACKEND_URL is not set: in CI the stack's state must live in the team's S3 backend (bootstrap's e2eBackendUrl output, the repository variable TENK_E2E_BACKEND_URL), or a cancelled run leaves resources with no state to destroy them"
	}
	if reason != "" && s.CI {
		reason = strings.Replace(reason, "e2e skipped:", "e2e cannot run (CI=true, so this fails instead of skipping):", 1)
	}
	return reason, reason != "" && s.CI
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
