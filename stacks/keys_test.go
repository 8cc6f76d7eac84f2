package stacks

import "testing"

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"database", "database", 0}, {"databse", "database", 1},
		{"alarmEmail", "alarmEmails", 1}, {"kitten", "sitting", 3}, {"", "abc", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestClosestKey(t *testing.T) {
	for word, want := range map[string]string{
		"databse": "database", "alarmEmail": "alarmEmails", "Protect": "protect",
		"hostedZoneID": "hostedZoneId", "networks": "network", "cach": "cache",
	} {
		if got := closest(word, TopLevelKeys()); got != want {
			t.Errorf("closest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestAllKeysCoverEverySetting(t *testing.T) {
	keys := map[string]bool{}
	for _, k := range AllKeys() {
		keys[k] = true
	}
	for _, k := range []string{"tenk:environment", "tenk:alarmEmails", "tenk:database.allocatedStorageGb", "tenk:cache.snapshotRetentionDays", "tenk:cdn.webAclArn"} {
		if !keys[k] {
			t.Errorf("AllKeys misses %s", k)
		}
	}
	if keys["tenk:cache.auth"] || keys["tenk:database"] {
		t.Errorf("AllKeys lists a retired key or a bare section: %v", AllKeys())
	}
}
