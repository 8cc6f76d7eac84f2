package e2e

import (
	"fmt"
	"sort"
	"strings"
)

// ParseAppEnv reads /etc/tenk/app.env as the boot script writes it: one NAME=value per line.
// Blank lines and comments are ignored; the first "=" separates name and value.
func ParseAppEnv(content string) map[string]string {
	env := map[string]string{}
	for _, line := range strings.Split(content, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		env[strings.TrimSpace(name)] = value
	}
	return env
}

// VerifyAppEnv checks one instance's settings: every expected variable present and non-empty,
// and the ones that name a stack output equal to it (a stale or foreign value is as wrong as a
// missing one). Variables beyond the expected ones are allowed (a "ready" marker, new settings).
func VerifyAppEnv(env map[string]string, expected []string, o Outputs) error {
	var problems []string
	for _, k := range expected {
		v, ok := env[k]
		switch {
		case !ok:
			problems = append(problems, k+" is missing")
		case strings.TrimSpace(v) == "":
			problems = append(problems, k+" is empty")
		}
	}
	matches := map[string]string{
		"SESSION_TABLE":         o.SessionTableName,
		"ASSETS_BUCKET":         o.AssetsBucketName,
		"DB_SECRET_ARN":         o.DatabaseSecretArn,
		"CACHE_AUTH_SECRET_ARN": o.CacheAuthSecretArn,
		"SITE_URL":              o.SiteURL,
	}
	names := make([]string, 0, len(matches))
	for k := range matches {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		want, got := matches[k], env[k]
		if want != "" && got != "" && got != want {
			problems = append(problems, fmt.Sprintf("%s is %q but the stack output is %q", k, got, want))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}
