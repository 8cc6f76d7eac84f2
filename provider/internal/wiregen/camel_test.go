package wiregen

import "testing"

func TestPropertyName(t *testing.T) {
	for goName, want := range map[string]string{
		"VpcID":                     "vpcId",
		"WebACLArn":                 "webAclArn",
		"HTTPSPort":                 "httpsPort",
		"HTTPS":                     "https",
		"MultiAZ":                   "multiAz",
		"IAMDatabaseAuthentication": "iamDatabaseAuthentication",
		"TTLAttribute":              "ttlAttribute",
		"Alarm5xxPerMinute":         "alarm5xxPerMinute",
		"AlarmP99LatencySeconds":    "alarmP99LatencySeconds",
		"RootVolumeSizeGiB":         "rootVolumeSizeGiB",
		"URL":                       "url",
		"CPUPercent":                "cpuPercent",
		"Tags":                      "tags",
		"PublicSubnetIDs":           "publicSubnetIds",
		"CacheClusterIDs":           "cacheClusterIds",
		"IDs":                       "ids",
		"URLsByName":                "urlsByName",
	} {
		if got := PropertyName(goName); got != want {
			t.Errorf("PropertyName(%q) = %q, want %q", goName, got, want)
		}
	}
}
