package sdkcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// CacheDir is where the checks keep what later runs reuse: npm's cache and each Node project's
// installed node_modules. TENK_SDKCHECK_CACHE overrides it; CI keeps the default between runs.
func CacheDir() (string, error) {
	if d := os.Getenv("TENK_SDKCHECK_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "tenk", "sdkcheck"), nil
}

// NodeProject is a Node.js project installed from its lockfile in the cache, reused while the
// lockfile is unchanged.
type NodeProject struct {
	// Dir holds the project's files and node_modules.
	Dir string
	// Installed is true when this run installed node_modules (npm ci), false when it reused them.
	Installed bool
	unlock    func()
}

// OpenNodeProject copies files (package.json and package-lock.json among them) from src into
// the cache's project called name and locks it against another run. Install installs it.
func OpenNodeProject(name, src string, files ...string) (*NodeProject, error) {
	cache, err := CacheDir()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(cache, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir + ".lock")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		err := copyFile(filepath.Join(src, f), filepath.Join(dir, f))
		if errors.Is(err, os.ErrNotExist) && f == "package-lock.json" { // a new project: npm install writes it
			err = os.Remove(filepath.Join(dir, f))
			if errors.Is(err, os.ErrNotExist) {
				err = nil
			}
		}
		if err != nil {
			unlock()
			return nil, err
		}
	}
	return &NodeProject{Dir: dir, unlock: unlock}, nil
}

// Close releases the project for another run.
func (p *NodeProject) Close() { p.unlock() }

// Install runs `npm ci` (or `npm install` when updateLock, which rewrites package-lock.json)
// unless node_modules were installed from this very package.json and lockfile before.
func (p *NodeProject) Install(out io.Writer, updateLock bool) error {
	stamp, err := hashFiles(filepath.Join(p.Dir, "package.json"), filepath.Join(p.Dir, "package-lock.json"))
	if err != nil {
		return err
	}
	stampFile := filepath.Join(p.Dir, "node_modules", ".tenk-installed")
	if prev, err := os.ReadFile(stampFile); err == nil && string(prev) == stamp && !updateLock {
		return nil
	}
	cache, err := CacheDir()
	if err != nil {
		return err
	}
	verb := "ci"
	if updateLock {
		verb = "install"
	}
	// --prefer-offline: a package already in the cache is not asked of the registry again.
	if err := Run(out, p.Dir, nil, "npm", verb, "--cache", filepath.Join(cache, "npm"), "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"); err != nil {
		return fmt.Errorf("npm %s in %s (from the lockfile; after changing package.json run the check with TENK_UPDATE_LOCK=1): %w", verb, p.Dir, err)
	}
	if stamp, err = hashFiles(filepath.Join(p.Dir, "package.json"), filepath.Join(p.Dir, "package-lock.json")); err != nil {
		return err
	}
	p.Installed = true
	return os.WriteFile(stampFile, []byte(stamp), 0o644)
}

// Bin is the path of an executable the project installed (tsc, pyright).
func (p *NodeProject) Bin(name string) string {
	return filepath.Join(p.Dir, "node_modules", ".bin", name)
}

// Run runs a command in dir, its output to out; env adds to the environment.
func Run(out io.Writer, dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, out, out
	cmd.Env = append(os.Environ(), env...)
	return cmd.Run()
}

func lockDir(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

func hashFiles(paths ...string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(p), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}
