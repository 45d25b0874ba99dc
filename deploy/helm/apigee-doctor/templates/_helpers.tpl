{{/* The chart's name, or nameOverride. */}}
{{- define "apigee-doctor.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* RELEASE-NAME, or just RELEASE when it already contains NAME; room is left for the -worker suffix. */}}
{{- define "apigee-doctor.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "apigee-doctor.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "apigee-doctor.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "apigee-doctor.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: apigee-doctor
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "app"). */}}
{{- define "apigee-doctor.selector" -}}
app.kubernetes.io/name: {{ include "apigee-doctor.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "apigee-doctor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "apigee-doctor.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "apigee-doctor.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* The Secret holding the Slack credentials: the user's, or the chart's. */}}
{{- define "apigee-doctor.slackSecret" -}}
{{- .Values.slack.existingSecret | default (printf "%s-slack" (include "apigee-doctor.fullname" .)) -}}
{{- end -}}

{{/* Refuses values that cannot work, with the value to set. */}}
{{- define "apigee-doctor.validate" -}}
{{- if not (has .Values.slack.mode (list "socket" "http")) -}}
{{- fail (printf "slack.mode must be socket or http, not %q" .Values.slack.mode) -}}
{{- end -}}
{{- if not .Values.slack.existingSecret -}}
{{- if not .Values.slack.botToken -}}
{{- fail "Slack credentials: set slack.existingSecret (a Secret with SLACK_BOT_TOKEN, and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET), or slack.botToken" -}}
{{- end -}}
{{- if and (eq .Values.slack.mode "socket") (not .Values.slack.appToken) -}}
{{- fail "slack.mode is socket: set slack.appToken (xapp-…, scope connections:write), or use slack.existingSecret" -}}
{{- end -}}
{{- if and (eq .Values.slack.mode "http") (not .Values.slack.signingSecret) -}}
{{- fail "slack.mode is http: set slack.signingSecret, or use slack.existingSecret" -}}
{{- end -}}
{{- end -}}
{{- $redis := 0 -}}
{{- if .Values.redis.url }}{{ $redis = add1 $redis }}{{ end -}}
{{- if .Values.redis.existingSecret }}{{ $redis = add1 $redis }}{{ end -}}
{{- if .Values.redis.inCluster.enabled }}{{ $redis = add1 $redis }}{{ end -}}
{{- if eq $redis 0 -}}
{{- fail "Redis: set redis.url (e.g. redis://10.0.0.3:6379, Memorystore), redis.existingSecret, or redis.inCluster.enabled=true for a trial" -}}
{{- end -}}
{{- if gt $redis 1 -}}
{{- fail "Redis: set only one of redis.url, redis.existingSecret and redis.inCluster.enabled" -}}
{{- end -}}
{{- end -}}

{{/* Environment of every pod: Redis, the Slack bot token, the queue timing, logs and port. */}}
{{- define "apigee-doctor.commonEnv" -}}
- name: REDIS_URL
{{- if .Values.redis.existingSecret }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- else if .Values.redis.inCluster.enabled }}
  value: {{ printf "redis://%s-redis:6379" (include "apigee-doctor.fullname" .) | quote }}
{{- else }}
  value: {{ .Values.redis.url | quote }}
{{- end }}
- name: SLACK_BOT_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "apigee-doctor.slackSecret" . }}
      key: SLACK_BOT_TOKEN
{{- with .Values.slack.apiUrl }}
- name: SLACK_API_URL
  value: {{ . | quote }}
{{- end }}
- name: WORKER_LOCK_MS
  value: {{ .Values.queue.lockMs | quote }}
- name: WORKER_STALLED_INTERVAL_MS
  value: {{ .Values.queue.stalledIntervalMs | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: PORT
  value: {{ .Values.port | quote }}
{{- end -}}

{{/* Probes, port and security of every apigee-doctor container. */}}
{{- define "apigee-doctor.containerCommon" -}}
ports:
  - name: http
    containerPort: {{ .Values.port }}
    protocol: TCP
livenessProbe:
  httpGet:
    path: /healthz
    port: http
  {{- toYaml .Values.livenessProbe | nindent 2 }}
readinessProbe:
  httpGet:
    path: /readyz
    port: http
  {{- toYaml .Values.readinessProbe | nindent 2 }}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
{{- end -}}

{{/* Pod annotations for Prometheus's pod discovery (none when metrics.podAnnotations is false). */}}
{{- define "apigee-doctor.metricsAnnotations" -}}
{{- if .Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.port | quote }}
prometheus.io/path: /metrics
{{- end -}}
{{- end -}}
