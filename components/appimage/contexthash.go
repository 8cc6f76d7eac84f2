package appimage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// BuildTag is the tag a build is pushed under: "src-" and the first 16 hex digits of the SHA-256
// of everything that decides the image: the platform (switching between Graviton and x86 builds
// another image, which an IMMUTABLE repository refuses under a tag it already holds), the
// Dockerfile's path and content, the build args, and the relative path, mode and content of
// every file of the context Docker sends (the .dockerignore honoured, .git left out). An
// unchanged build keeps its tag (and its image: the provider rebuilds only when its inputs or
// its own context hash change); anything that changes the image gets a new tag. args gets
// ImageBuildArgs' defaults (Dockerfile Context/Dockerfile, Platform PlatformArm64).
func BuildTag(args ImageBuildArgs) (string, error) {
	a := args.withDefaults()
	h := sha256.New()
	fmt.Fprintf(h, "platform\x00%s\x00", a.Platform)
	dockerfile := filepath.ToSlash(a.Dockerfile)
	if rel, err := filepath.Rel(a.Context, a.Dockerfile); err == nil && !strings.HasPrefix(rel, "..") {
		dockerfile = filepath.ToSlash(rel)
	}
	fmt.Fprintf(h, "dockerfile\x00%s\x00", dockerfile)
	for _, k := range slices.Sorted(maps.Keys(a.BuildArgs)) {
		fmt.Fprintf(h, "arg\x00%s\x00%s\x00", k, a.BuildArgs[k])
	}
	add := func(file, rel string) error {
		info, err := os.Stat(file)
		if err != nil {
			return err
		}
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00%o\x00%d\x00", rel, info.Mode().Perm(), info.Size())
		_, err = io.Copy(h, f)
		return err
	}
	pm, err := dockerignore(a.Context, a.Dockerfile)
	if err != nil {
		return "", err
	}
	err = filepath.WalkDir(a.Context, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(a.Context, file)
		if err != nil || rel == "." {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		excluded, err := pm.MatchesOrParentMatches(filepath.ToSlash(rel))
		switch {
		case err != nil:
			return err
		case excluded && d.IsDir() && !mayReinclude(pm, filepath.ToSlash(rel)):
			return filepath.SkipDir
		case excluded, d.IsDir(), !d.Type().IsRegular():
			return nil
		}
		return add(file, filepath.ToSlash(rel))
	})
	if err != nil {
		return "", fmt.Errorf("hashing the build context %s: %w", a.Context, err)
	}
	if err := add(a.Dockerfile, "\x00Dockerfile"); err != nil {
		return "", fmt.Errorf("hashing the Dockerfile %s: %w", a.Dockerfile, err)
	}
	return "src-" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

// dockerignore is the build's ignore patterns, as BuildKit picks them: the Dockerfile's own
// "<Dockerfile>.dockerignore" when it exists, else the context's .dockerignore; neither is no
// pattern.
func dockerignore(context, dockerfile string) (*patternmatcher.PatternMatcher, error) {
	var patterns []string
	for _, name := range []string{dockerfile + ".dockerignore", filepath.Join(context, ".dockerignore")} {
		f, err := os.Open(name)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			return nil, err
		}
		patterns, err = ignorefile.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		break
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		return nil, fmt.Errorf("the .dockerignore: %w", err)
	}
	return pm, nil
}

// mayReinclude reports whether an exception ("!…") might bring back something below the
// excluded directory dir, so the walk must enter it: Docker's context walk (moby
// pkg/archive.TarWithOptions) enters it when an exception starts with "dir/"; an exception with
// a wildcard might match below any directory, so it is entered then too.
func mayReinclude(pm *patternmatcher.PatternMatcher, dir string) bool {
	if !pm.Exclusions() {
		return false
	}
	for _, p := range pm.Patterns() {
		if p.Exclusion() && (strings.HasPrefix(p.String()+"/", dir+"/") || strings.ContainsAny(p.String(), "*?[\\")) {
			return true
		}
	}
	return false
}
