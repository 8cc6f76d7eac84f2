package main

import "testing"

func TestVersionOf(t *testing.T) {
	for in, want := range map[string]string{
		"v1.4.0":                             "1.4.0",
		"v2.0.0-rc.1":                        "2.0.0-rc.1",
		"(devel)":                            devVersion,
		"":                                   devVersion,
		"v0.0.0-20261130093200-3f0696012345": devVersion,
		"v1.4.1-0.20261130093200-3f0696012345+dirty": devVersion,
	} {
		if got := versionOf(in); got != want {
			t.Errorf("versionOf(%q) = %q, want %q", in, got, want)
		}
	}
}
