package webtier

import (
	"fmt"
	"strings"
)

// ContainerName is the name tenk-web.service gives the application's container.
const ContainerName = "tenk-app"

// container is how the application image runs on an instance.
type container struct {
	// image is the reference pinned by digest.
	image string
	// logGroup is the CloudWatch Logs group the container's output goes to.
	logGroup string
	command  []string
	// stopSeconds is how long the container has between SIGTERM and SIGKILL: the target group's
	// deregistration delay, so a draining instance finishes its requests.
	stopSeconds int
}

// script is the boot script's second half for an image: Docker from Amazon Linux 2023's own
// repositories (the AMI's release pins the repository version, so the runtime changes only with
// the AMI), the pull helper, and tenk-web.service running the container.
//
// The repositories are S3 buckets that dnf names "al2023-repos-<region>-….s3$dualstack.<region>…"
// (the mirrorlist of /etc/yum.repos.d/amazonlinux.repo), and the AMI ships
// /etc/dnf/vars/dualstack holding ".dualstack": the dual-stack name, which the S3 gateway endpoint
// is reported not to route (amazonlinux/amazon-linux-2023#535). An empty variable gives the
// regional name, which NAT and the gateway endpoint both reach, so the install works in private
// subnets without NAT (README, "Private subnets without NAT").
func (c container) script() string {
	return `# tenk: the application image, run by Docker from Amazon Linux 2023's repositories.
# An empty $dualstack: dnf reaches the repositories' S3 buckets by the regional name, which the S3 gateway endpoint routes.
: > /etc/dnf/vars/dualstack
for attempt in 1 2 3 4 5 6; do dnf install -y docker && break; echo "dnf install docker failed (attempt $attempt), retrying"; sleep 10; done
rpm -q docker >/dev/null
cat > /opt/tenk/tenk-pull.sh <<'SH'
` + pullScript + `SH
chmod 0755 /opt/tenk/tenk-pull.sh
` + unitFile("tenk-web.service", c.unit()) + `systemctl daemon-reload
systemctl enable docker.service tenk-web.service
systemctl start --no-block tenk-web.service
`
}

// pullScript logs Docker in to ECR with the instance role when the image is there (the token
// lasts 12 hours, so every start logs in again), then pulls. A failed pull fails the start and
// systemd retries it. An image pinned by digest that Docker already holds is those very bytes,
// so a restart (the instance's, or a settings sync's) neither logs in nor pulls: it needs no
// registry, NAT or VPC endpoint.
const pullScript = `#!/bin/bash
set -euo pipefail
image="$1"
if [[ "$image" == *@sha256:* ]] && docker image inspect "$image" >/dev/null 2>&1; then
  exit 0
fi
registry="${image%%/*}"
if [[ "$registry" =~ ^[0-9]{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$ ]]; then
  aws ecr get-login-password --region "${BASH_REMATCH[1]}" | docker login --username AWS --password-stdin "$registry"
fi
docker pull --quiet "$image"
`

// unit is tenk-web.service for the image. The drop-in 10-settings.conf adds
// Requires=/After=tenk-settings.service. The container shares the host's network: it listens
// on APP_PORT itself and reaches IMDSv2 within the launch template's hop limit of 1.
func (c container) unit() string {
	run := []string{"/usr/bin/docker", "run", "--rm", "--name", ContainerName, "--network", "host",
		"--env-file", "/etc/tenk/app.env",
		"--log-driver", "awslogs", "--log-opt", "awslogs-group=" + c.logGroup,
		// %H is the instance's host name: one stream per instance.
		"--log-opt", "awslogs-stream=%H",
		"--stop-timeout", fmt.Sprint(c.stopSeconds), c.image}
	line := strings.Join(run, " ")
	for _, arg := range c.command {
		line += " " + systemdQuote(arg)
	}
	return fmt.Sprintf(`[Unit]
Description=tenk application container (%[1]s)
Requires=docker.service
After=docker.service network-online.target
Wants=network-online.target

[Service]
ExecStartPre=-/usr/bin/docker rm --force %[2]s
ExecStartPre=/opt/tenk/tenk-pull.sh %[1]s
ExecStart=%[3]s
ExecStop=/usr/bin/docker stop --time %[4]d %[2]s
Restart=on-failure
RestartSec=5
TimeoutStartSec=900
TimeoutStopSec=%[5]d

[Install]
WantedBy=multi-user.target
`, c.image, ContainerName, line, c.stopSeconds, c.stopSeconds+15)
}
