package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The workflows as GitHub reads them, with the fields these tests check.
type workflow struct {
	file        string
	Name        string               `yaml:"name"`
	On          map[string]yaml.Node `yaml:"on"`
	Permissions map[string]string    `yaml:"permissions"`
	Concurrency *concurrency         `yaml:"concurrency"`
	Env         map[string]string    `yaml:"env"`
	Jobs        map[string]*job      `yaml:"jobs"`
}

type concurrency struct {
	Group            string `yaml:"group"`
	CancelInProgress any    `yaml:"cancel-in-progress"`
}

type job struct {
	name           string
	Needs          yaml.Node         `yaml:"needs"`
	If             string            `yaml:"if"`
	Environment    yaml.Node         `yaml:"environment"`
	TimeoutMinutes int               `yaml:"timeout-minutes"`
	Permissions    map[string]string `yaml:"permissions"`
	Concurrency    *concurrency      `yaml:"concurrency"`
	Env            map[string]string `yaml:"env"`
	Outputs        map[string]string `yaml:"outputs"`
	Strategy       struct {
		Matrix map[string][]string `yaml:"matrix"`
	} `yaml:"strategy"`
	Steps []step `yaml:"steps"`
}

type step struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
	// ContinueOnError is the step's continue-on-error (a bool or an expression).
	ContinueOnError any `yaml:"continue-on-error"`
}

// loadWorkflows parses every workflow of the repository.
func loadWorkflows(t *testing.T) map[string]*workflow {
	t.Helper()
	files, err := filepath.Glob("../.github/workflows/*.yml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]*workflow{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var w workflow
		require.NoError(t, yaml.Unmarshal(data, &w), f)
		w.file = filepath.Base(f)
		for name, j := range w.Jobs {
			j.name = name
		}
		out[w.file] = &w
	}
	return out
}

// environment is the job's GitHub environment name ("" for none).
func (j *job) environment() string {
	switch j.Environment.Kind {
	case yaml.ScalarNode:
		return j.Environment.Value
	case yaml.MappingNode:
		var e struct{ Name string }
		_ = j.Environment.Decode(&e)
		return e.Name
	}
	return ""
}

// needs lists the jobs this one waits for.
func (j *job) needs() []string {
	switch j.Needs.Kind {
	case yaml.ScalarNode:
		return []string{j.Needs.Value}
	case yaml.SequenceNode:
		var list []string
		_ = j.Needs.Decode(&list)
		return list
	}
	return nil
}

// uses returns the steps that use action (owner/name, any version).
func (j *job) uses(action string) []step {
	var out []step
	for _, s := range j.Steps {
		if strings.HasPrefix(s.Uses, action+"@") {
			out = append(out, s)
		}
	}
	return out
}

// runs reports whether any step's script contains text.
func (j *job) runs(text string) bool {
	for _, s := range j.Steps {
		if strings.Contains(s.Run, text) {
			return true
		}
	}
	return false
}

// matrixValues expands ${{ matrix.<key> }} in s for every value of the job's matrix (one key).
func (j *job) matrixValues(s string) []string {
	m := regexp.MustCompile(`\$\{\{\s*matrix\.([a-z_-]+)\s*\}\}`).FindStringSubmatch(s)
	if m == nil {
		return []string{s}
	}
	var out []string
	for _, v := range j.Strategy.Matrix[m[1]] {
		out = append(out, strings.ReplaceAll(s, m[0], v))
	}
	sort.Strings(out)
	return out
}

// triggers are the workflow's events, sorted.
func (w *workflow) triggers() []string {
	var out []string
	for k := range w.On {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// oidcSubject is the subject of the token a job of w gets from GitHub when it runs on the
// default branch, main, or for a pull request (GitHub docs, "OpenID Connect reference", subject
// claim examples: an environment wins over the event; a pull_request run is
// "repo:<repo>:pull_request"; any other run on a branch is "repo:<repo>:ref:refs/heads/<branch>").
// Workflows here run either only on pull requests or only on main (push, schedule, dispatch).
func oidcSubject(t *testing.T, repo string, w *workflow, j *job) string {
	t.Helper()
	if env := j.environment(); env != "" {
		return "repo:" + repo + ":environment:" + env
	}
	if strings.Contains(j.If, "github.event_name == 'pull_request'") || (len(w.On) == 1 && w.triggers()[0] == "pull_request") {
		return "repo:" + repo + ":pull_request"
	}
	for _, trigger := range w.triggers() {
		require.Contains(t, []string{"push", "schedule", "workflow_dispatch", "pull_request"}, trigger,
			"%s: oidcSubject does not know the subject of a %s run", w.file, trigger)
	}
	return "repo:" + repo + ":ref:refs/heads/main"
}
