package main

import (
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/blang/semver"
)

// devVersion is reported when the binary carries no release tag (a build from a branch).
const devVersion = "0.0.0-dev"

// Version is the package version the plugin reports: the git tag the plugin was built from.
// Go (1.24+) stamps a module built inside a git checkout with its tag — provider/vX.Y.Z for
// this nested module — and an untagged commit with a pseudo-version, reported as 0.0.0-dev.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return devVersion
	}
	return versionOf(info.Main.Version)
}

// pseudoRe matches the timestamp-and-commit tail of a Go pseudo-version.
var pseudoRe = regexp.MustCompile(`\d{14}-[0-9a-f]{12}(\+dirty)?$`)

// versionOf turns a main-module version ("v1.2.3", "(devel)", a pseudo-version) into the
// semver the engine expects.
func versionOf(v string) string {
	if pseudoRe.MatchString(v) {
		return devVersion
	}
	parsed, err := semver.Parse(strings.TrimPrefix(v, "v"))
	if err != nil {
		return devVersion
	}
	return parsed.String()
}
