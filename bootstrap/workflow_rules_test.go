package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A refresh reads what a deploy is changing and would report it as drift: each drift job shares
// its stack's deploy concurrency group (never cancelling), and a gate keeps it from joining the
// group while a deploy is queued (joining cancels the group's pending job).
func TestDriftSharesTheDeployConcurrencyGroup(t *testing.T) {
	ws := loadWorkflows(t)
	deployGroups := map[string]bool{}
	for _, j := range ws["deploy.yml"].Jobs {
		if j.Concurrency != nil {
			deployGroups[j.Concurrency.Group] = true
		}
	}
	drift := ws["drift.yml"].Jobs["drift"]
	require.NotNil(t, drift)
	require.NotNil(t, drift.Concurrency)
	groups := drift.matrixValues(drift.Concurrency.Group)
	assert.Equal(t, []string{"tenk-deploy-dev", "tenk-deploy-prod"}, groups)
	for _, g := range groups {
		assert.True(t, deployGroups[g], "drift group %s is no deploy's group", g)
	}
	assert.Equal(t, false, drift.Concurrency.CancelInProgress, "a drift check never cancels a deploy")

	assert.Contains(t, drift.needs(), "gate")
	gate := ws["drift.yml"].Jobs["gate"]
	require.NotNil(t, gate)
	assert.Equal(t, "read", gate.Permissions["actions"])
	assert.True(t, gate.runs("--workflow deploy.yml"))
	assert.Contains(t, drift.If, "needs.gate.outputs.deploying == 'false'")
}

// The reviewer approving prod sees a real preview of prod, produced before the protected job.
func TestProdApprovalFollowsARealPreview(t *testing.T) {
	deploy := loadWorkflows(t)["deploy.yml"]
	var prod *job
	for _, j := range deploy.Jobs {
		if j.environment() == "prod" {
			prod = j
		}
	}
	require.NotNil(t, prod, "deploy.yml has a job in the prod environment")
	var previews []string
	for _, name := range prod.needs() {
		before := deploy.Jobs[name]
		require.NotNil(t, before)
		if before.environment() != "" {
			continue // a protected job: its summary is only written after an approval
		}
		for _, s := range before.uses("pulumi/actions") {
			if s.With["command"] == "preview" && s.With["stack-name"] == "prod" && s.With["comment-on-summary"] == "true" {
				previews = append(previews, name)
			}
		}
	}
	assert.NotEmpty(t, previews, "the prod job needs a job without environment that puts `pulumi preview` of prod into the run's summary")
}

// pulumiVersion is the Pulumi SDK version go.mod pins: the CLI the workflows install matches the
// source whose behaviour the scripts and the README rely on.
func pulumiVersion(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`github.com/pulumi/pulumi/sdk/v3 v([0-9.]+)`).FindSubmatch(data)
	require.NotNil(t, m)
	return string(m[1])
}

// pulumi/actions' current major is v7 (pulumi/actions tag v7.0.0, 2026-05-01: Node 24), and
// aws-actions/configure-aws-credentials' is v6.
func TestActionsAreCurrentAndTheCLIPinned(t *testing.T) {
	version := pulumiVersion(t)
	for _, w := range loadWorkflows(t) {
		for _, j := range w.Jobs {
			for _, s := range j.Steps {
				switch {
				case strings.HasPrefix(s.Uses, "pulumi/actions@"):
					assert.Equal(t, "pulumi/actions@v7", s.Uses, "%s job %s", w.file, j.name)
					assert.Equal(t, version, s.With["pulumi-version"], "%s job %s: install the CLI go.mod pins", w.file, j.name)
				case strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@"):
					assert.Equal(t, "aws-actions/configure-aws-credentials@v6", s.Uses, "%s job %s", w.file, j.name)
					assert.Regexp(t, `\$\{\{\s*(env|vars)\.`, s.With["aws-region"], "%s job %s: the region comes from a variable, not the workflow", w.file, j.name)
				}
			}
		}
	}
}

// Stacks are KMS-encrypted: no workflow needs a passphrase (and the README must not ask for one).
func TestNoWorkflowAsksForAPassphrase(t *testing.T) {
	for _, w := range loadWorkflows(t) {
		data, err := os.ReadFile("../.github/workflows/" + w.file)
		require.NoError(t, err)
		assert.NotContains(t, string(data), "PULUMI_CONFIG_PASSPHRASE", w.file)
	}
}

// Every preview and refresh first checks the stack file's secrets provider and that the stack
// exists (scripts/stack-ready.sh), and runs only when it does.
func TestPreviewsAndRefreshesCheckTheStackFirst(t *testing.T) {
	found := 0
	for _, w := range loadWorkflows(t) {
		for _, j := range w.Jobs {
			ready := -1
			for i, s := range j.Steps {
				if strings.Contains(s.Run, "scripts/stack-ready.sh") && s.ID == "ready" {
					ready = i
				}
				op := (strings.HasPrefix(s.Uses, "pulumi/actions@") && (s.With["command"] == "preview" || s.With["command"] == "refresh")) ||
					strings.Contains(s.Run, "pulumi refresh") || strings.Contains(s.Run, "pulumi preview")
				if !op {
					continue
				}
				found++
				assert.True(t, ready >= 0 && ready < i, "%s job %s step %q: run scripts/stack-ready.sh (id: ready) before it", w.file, j.name, s.Name)
				assert.Equal(t, "steps.ready.outputs.exists == 'true'", s.If, "%s job %s step %q", w.file, j.name, s.Name)
			}
		}
	}
	assert.GreaterOrEqual(t, found, 3, "ci.yml's and deploy.yml's previews and drift.yml's refresh")
}

// In CI the e2e stack's state lives in the shared backend, and a failed or cancelled run leaves
// the commands to destroy it in the summary.
func TestE2EWorkflowKeepsStateWhereALaptopCanReachIt(t *testing.T) {
	j := loadWorkflows(t)["e2e.yml"].Jobs["e2e"]
	require.NotNil(t, j)
	assert.Equal(t, "${{ vars.TENK_E2E_BACKEND_URL }}", j.Env["TENK_E2E_BACKEND_URL"])
	// A separate e2e account has its own key: TENK_E2E_SECRETS_PROVIDER, else the team's.
	assert.Equal(t, "${{ vars.TENK_E2E_SECRETS_PROVIDER || vars.PULUMI_SECRETS_PROVIDER }}", j.Env["TENK_E2E_SECRETS_PROVIDER"])
	notes := false
	for _, s := range j.Steps {
		if strings.Contains(s.Run, ".cleanup.txt") && strings.Contains(s.Run, "GITHUB_STEP_SUMMARY") {
			notes = s.If == "failure() || cancelled()"
		}
	}
	assert.True(t, notes, "a failed or cancelled run puts the cleanup commands in its summary")
	assert.True(t, j.runs("make e2e"))
}

// coldMakeTestMinutes is what a job running `make test` with an empty Go build cache needs on a
// GitHub-hosted runner: every component and the stacks compile the pulumi-aws packages, provider/
// compiles them again in its own module graph, provider/sdkcheck compiles pulumi/pkg and runs npm
// ci and tsc, and app/ starts its servers. A timeout below it kills the first run after a go.sum
// change.
const coldMakeTestMinutes = 90

var makeTest = regexp.MustCompile(`(^|[\s;&|])make test($|[\s;&|])`)

// GitHub sets CI=true on its runners, under which app/'s tests fail (never skip) without
// PostgreSQL, Redis and Memcached, which ubuntu-latest lacks in part: every job that runs
// `make test` first installs what .ci/run installs (scripts/ci-packages.sh, the one list), and
// may run as long as a cold `make test` takes.
func TestMakeTestRunsAfterTheCIPackages(t *testing.T) {
	found := 0
	for _, w := range loadWorkflows(t) {
		for _, j := range w.Jobs {
			packages := -1
			for i, s := range j.Steps {
				if packages < 0 && strings.Contains(s.Run, "./scripts/ci-packages.sh") {
					packages = i
				}
				if !makeTest.MatchString(s.Run) {
					continue
				}
				found++
				assert.True(t, packages >= 0 && packages < i, "%s job %s step %q: run ./scripts/ci-packages.sh before make test (app/'s servers, python3, shellcheck)", w.file, j.name, s.Name)
				assert.GreaterOrEqual(t, j.TimeoutMinutes, coldMakeTestMinutes, "%s job %s: a cold make test needs %d minutes", w.file, j.name, coldMakeTestMinutes)
			}
		}
	}
	assert.GreaterOrEqual(t, found, 2, "ci.yml's and deploy.yml's test jobs")
	run, err := os.ReadFile("../.ci/run")
	require.NoError(t, err)
	assert.Contains(t, string(run), "scripts/ci-packages.sh", ".ci/run installs the same list")
}

// The report compares each run with the previous one (e2e.ReadResults reads
// e2e/results/<variant>.json before the run overwrites it), but on a fresh runner there is none:
// e2e.yml first downloads the newest successful run's results artifact, the one it uploads, with
// gh and the job's token (first-party, no third-party action in a job that can assume an
// administrator role), and a missing one is a notice, not a failure.
func TestE2EWorkflowComparesWithThePreviousRun(t *testing.T) {
	j := loadWorkflows(t)["e2e.yml"].Jobs["e2e"]
	require.NotNil(t, j)
	uploads := j.uses("actions/upload-artifact")
	require.Len(t, uploads, 1)
	artifact := strings.ReplaceAll(uploads[0].With["name"], "${{ env.VARIANT }}", "$VARIANT")
	require.Equal(t, "tenk-e2e-$VARIANT", artifact)
	assert.Equal(t, "e2e/results/", uploads[0].With["path"])

	download, run := -1, -1
	for i, s := range j.Steps {
		if strings.Contains(s.Run, "gh run download") {
			download = i
			assert.Contains(t, s.Run, `--name "`+artifact+`"`)
			assert.Contains(t, s.Run, "--dir e2e/results")
			assert.Contains(t, s.Run, "--workflow e2e.yml")
			assert.Contains(t, s.Run, "--status success")
			assert.Equal(t, "${{ github.token }}", s.Env["GH_TOKEN"])
			assert.Equal(t, true, s.ContinueOnError, "no earlier results is no failure")
		}
		if strings.Contains(s.Run, "make e2e") {
			run = i
		}
	}
	assert.True(t, download >= 0 && download < run, "download the previous results before make e2e")
	assert.Equal(t, "read", j.Permissions["actions"], "gh run list/download needs actions: read")
}
