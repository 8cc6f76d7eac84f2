package plan

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The application's usage-based lines: tenk cannot know an image's size or how much a container
// logs, so these lines price an assumption, which their item names, and are labelled usage-based.
const (
	// assumedImageMB is one release as ECR stores it (compressed layers): a typical image on an
	// interpreter's base; the reference application's single-platform image is about 8 MB.
	assumedImageMB = 100
	// assumedLogGBPerInstance is one instance's container output a month: about 4 million JSON
	// access-log lines of 250 bytes (the reference application logs one per request).
	assumedLogGBPerInstance = 1
)

// usageEstimates add a line priced on an assumption for a usage-based type; nil leaves a
// resource's cost out. The type stays usage-based (classify.go).
var usageEstimates = map[string]func(c *costing, r *Resource) error{
	"aws:ecr/repository:Repository":    ecrStorageEstimate,
	"aws:cloudwatch/logGroup:LogGroup": applicationLogEstimate,
}

// ecrStorageEstimate prices the releases the repository's lifecycle rule keeps.
func ecrStorageEstimate(c *costing, r *Resource) error {
	keep := keptReleases(c.plan, r)
	gb := float64(keep*assumedImageMB) / 1024
	item := fmt.Sprintf("image storage, usage-based: assumes %d releases (its lifecycle rule) of %d MB", keep, assumedImageMB)
	c.add(r, item, round2(gb), PerGBMonth, c.prices.ECRStorageGbMonth)
	c.assume(fmt.Sprintf("An ECR repository holds as many releases as its lifecycle rule keeps, %d MB each as ECR stores them (compressed); pulls inside the Region are free.", assumedImageMB))
	return nil
}

// keptReleases is the count the repository's lifecycle policy keeps ("imageCountMoreThan");
// 10, appimage's default, when the policy is not found.
func keptReleases(p *Plan, repo *Resource) int {
	for i := range p.Resources {
		lp := &p.Resources[i]
		if lp.Type != "aws:ecr/lifecyclePolicy:LifecyclePolicy" || lp.Component != repo.Component {
			continue
		}
		var policy struct {
			Rules []struct {
				Selection struct {
					CountType   string `json:"countType"`
					CountNumber int    `json:"countNumber"`
				} `json:"selection"`
			} `json:"rules"`
		}
		if json.Unmarshal([]byte(lp.String("policy")), &policy) == nil {
			for _, rule := range policy.Rules {
				if rule.Selection.CountType == "imageCountMoreThan" {
					return rule.Selection.CountNumber
				}
			}
		}
	}
	return 10
}

// applicationLogEstimate prices the ingestion of the web tier's application log group (the
// container's output), for the group's desired capacity; other log groups stay unestimated.
func applicationLogEstimate(c *costing, r *Resource) error {
	if !strings.HasSuffix(r.Name, "-app-logs") || c.comps[r.Component] == nil || c.comps[r.Component].Type != "tenk:web:MultiAZWebTier" {
		return nil
	}
	instances := 0.0
	for i := range c.plan.Resources {
		g := &c.plan.Resources[i]
		if g.Type == "aws:autoscaling/group:Group" && g.Component == r.Component {
			instances = g.Number("desiredCapacity")
		}
	}
	item := fmt.Sprintf("application log ingestion, usage-based: assumes %d GB per instance (%s)", assumedLogGBPerInstance, num(instances))
	c.add(r, item, instances*assumedLogGBPerInstance, PerGB, c.prices.CloudWatchLogsIngestionGB)
	c.assume(fmt.Sprintf("The application logs %d GB a month per instance of the desired capacity (about 4 million 250-byte request lines); storage of the kept logs is left out.", assumedLogGBPerInstance))
	return nil
}
