package appimage

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ContextTag is the tag a build of dir is pushed under: "src-" and the first 16 hex digits of
// the SHA-256 of every file's relative path, mode and content (".git" left out). The
// repository's tags are immutable, so each new source gets a new tag and an unchanged source
// keeps its tag (and its build: the provider rebuilds only when its inputs or its own context
// hash change).
func ContextTag(dir, dockerfile string) (string, error) {
	h := sha256.New()
	add := func(path, rel string) error {
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00%o\x00%d\x00", rel, info.Mode().Perm(), info.Size())
		_, err = io.Copy(h, f)
		return err
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case !d.Type().IsRegular():
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		return add(path, filepath.ToSlash(rel))
	})
	if err != nil {
		return "", fmt.Errorf("hashing the build context %s: %w", dir, err)
	}
	if err := add(dockerfile, "\x00Dockerfile"); err != nil {
		return "", fmt.Errorf("hashing the Dockerfile %s: %w", dockerfile, err)
	}
	return "src-" + hex.EncodeToString(h.Sum(nil))[:16], nil
}
