{{/*
Names and labels.
*/}}
{{- define "signalbox.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "signalbox.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "signalbox.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource; call with the root context. */}}
{{- define "signalbox.labels" -}}
helm.sh/chart: {{ include "signalbox.chart" . }}
app.kubernetes.io/name: {{ include "signalbox.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: signalbox
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" "edge-gateway"). */}}
{{- define "signalbox.selectorLabels" -}}
app.kubernetes.io/name: {{ include "signalbox.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's resources; call with (dict "root" $ "component" "edge-gateway"). */}}
{{- define "signalbox.componentLabels" -}}
{{ include "signalbox.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Resource name of one component: <fullname>-<component>. */}}
{{- define "signalbox.componentName" -}}
{{- printf "%s-%s" (include "signalbox.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The five services: values key -> component name and port. Deployments, Services, ConfigMaps, PDBs, HPAs
and NetworkPolicies are rendered for each.
*/}}
{{- define "signalbox.components" -}}
gateway:
  name: edge-gateway
  port: 8080
routing:
  name: routing-service
  port: 8081
registry:
  name: model-registry-service
  port: 8082
telemetry:
  name: telemetry-service
  port: 8083
cost:
  name: cost-service
  port: 8084
{{- end }}

{{/* In-cluster base URL of a component; call with (dict "root" $ "key" "registry"). */}}
{{- define "signalbox.url" -}}
{{- $c := get (include "signalbox.components" .root | fromYaml) .key }}
{{- printf "http://%s:%v" (include "signalbox.componentName" (dict "root" .root "component" $c.name)) $c.port }}
{{- end }}

{{- define "signalbox.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "signalbox.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image of a Signalbox service; call with (dict "root" $ "values" .Values.gateway "component" "edge-gateway"). */}}
{{- define "signalbox.image" -}}
{{- $global := .root.Values.image }}
{{- $repository := .values.image.repository }}
{{- if not $repository }}
{{- $parts := list }}
{{- with $global.registry }}{{ $parts = append $parts . }}{{ end }}
{{- with $global.repositoryPrefix }}{{ $parts = append $parts . }}{{ end }}
{{- $repository = join "/" (append $parts .component) }}
{{- end }}
{{- $tag := .values.image.tag | default $global.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/*
Secret names: the existing Secret when one is configured, else the one this chart renders.
*/}}
{{/* The existing Secret, the Secret of the configured tokens, or the Secret of the tokens generated at install. */}}
{{- define "signalbox.authSecretName" -}}
{{- if .Values.auth.existingSecret }}
{{- .Values.auth.existingSecret }}
{{- else if or .Values.auth.adminToken .Values.auth.internalToken }}
{{- printf "%s-auth" (include "signalbox.fullname" .) }}
{{- else }}
{{- printf "%s-auth-generated" (include "signalbox.fullname" .) }}
{{- end }}
{{- end }}

{{- define "signalbox.credentialsSecretName" -}}
{{- .Values.providerCredentials.existingSecret | default (printf "%s-credentials-keys" (include "signalbox.fullname" .)) }}
{{- end }}

{{/* call with (dict "root" $ "db" "registry") */}}
{{- define "signalbox.dbSecretName" -}}
{{- $db := get .root.Values.postgresql .db }}
{{- $db.existingSecret | default (printf "%s-%s-db" (include "signalbox.fullname" .root) .db) }}
{{- end }}

{{- define "signalbox.kafkaSecretName" -}}
{{- .Values.kafka.sasl.existingSecret | default (printf "%s-kafka" (include "signalbox.fullname" .)) }}
{{- end }}

{{- define "signalbox.redisSecretName" -}}
{{- .Values.redis.existingSecret | default (printf "%s-redis" (include "signalbox.fullname" .)) }}
{{- end }}

{{/* Whether Kafka is reached with SASL. */}}
{{- define "signalbox.kafkaSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{/*
Key ids of the provider-credential encryption keys: the existing Secret's listed ids or the configured keys.
None: the registry runs without an active key and refuses to store provider credentials. No key is ever
generated, so none can be lost by accident.
*/}}
{{- define "signalbox.credentialKeyIds" -}}
{{- if .Values.providerCredentials.existingSecret }}
{{- toYaml .Values.providerCredentials.existingSecretKeyIds }}
{{- else }}
{{- toYaml (keys .Values.providerCredentials.keys | sortAlpha) }}
{{- end }}
{{- end }}

{{/*
Kafka client settings every service needs, as container env entries (secret parts by reference).
*/}}
{{- define "signalbox.kafkaEnv" -}}
{{- if include "signalbox.kafkaSasl" . }}
- name: KAFKA_SASL_USERNAME
  value: {{ .Values.kafka.sasl.username | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "signalbox.kafkaSecretName" . }}
      key: {{ ternary .Values.kafka.sasl.existingSecretPasswordKey "password" (ne "" .Values.kafka.sasl.existingSecret) }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  {{- $module := hasPrefix "SCRAM" .Values.kafka.sasl.mechanism | ternary "org.apache.kafka.common.security.scram.ScramLoginModule" "org.apache.kafka.common.security.plain.PlainLoginModule" }}
  value: {{ printf "%s required username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";" $module | quote }}
{{- end }}
{{- end }}

{{/* The internal token, and the admin token for services with an admin API; call with (dict "root" $ "admin" bool). */}}
{{- define "signalbox.tokenEnv" -}}
{{- $auth := .root.Values.auth }}
- name: SIGNALBOX_INTERNAL_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "signalbox.authSecretName" .root }}
      key: {{ ternary $auth.existingSecretInternalTokenKey "internal-token" (ne "" $auth.existingSecret) }}
{{- if .admin }}
- name: SIGNALBOX_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "signalbox.authSecretName" .root }}
      key: {{ ternary $auth.existingSecretAdminTokenKey "admin-token" (ne "" $auth.existingSecret) }}
{{- end }}
{{- end }}

{{/* The password of one database, when there is one; call with (dict "root" $ "db" "registry" "env" "REGISTRY_DB_PASSWORD"). */}}
{{- define "signalbox.dbPasswordEnv" -}}
{{- $db := get .root.Values.postgresql .db }}
{{- if or $db.existingSecret $db.password }}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ include "signalbox.dbSecretName" (dict "root" .root "db" .db) }}
      key: {{ ternary $db.existingSecretPasswordKey "password" (ne "" $db.existingSecret) }}
{{- end }}
{{- end }}

{{/*
Secret-backed environment of each component (non-secret settings are in its ConfigMap).
*/}}
{{- define "signalbox.secretEnv.gateway" -}}
{{ include "signalbox.tokenEnv" (dict "root" . "admin" false) }}
{{- if or .Values.redis.existingSecret .Values.redis.password }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "signalbox.redisSecretName" . }}
      key: {{ ternary .Values.redis.existingSecretPasswordKey "password" (ne "" .Values.redis.existingSecret) }}
{{- end }}
{{- end }}

{{- define "signalbox.secretEnv.routing" -}}
{{ include "signalbox.tokenEnv" (dict "root" . "admin" true) }}
{{- end }}

{{- define "signalbox.secretEnv.registry" -}}
{{ include "signalbox.tokenEnv" (dict "root" . "admin" true) }}
{{- include "signalbox.dbPasswordEnv" (dict "root" . "db" "registry" "env" "REGISTRY_DB_PASSWORD") }}
{{- range (include "signalbox.credentialKeyIds" . | fromYamlArray) }}
- name: {{ printf "SIGNALBOX_CREDENTIALS_KEYS_%s" (upper .) }}
  valueFrom:
    secretKeyRef:
      name: {{ include "signalbox.credentialsSecretName" $ }}
      key: {{ . }}
{{- end }}
{{- end }}

{{- define "signalbox.secretEnv.telemetry" -}}
{{ include "signalbox.tokenEnv" (dict "root" . "admin" true) }}
{{- end }}

{{- define "signalbox.secretEnv.cost" -}}
{{ include "signalbox.tokenEnv" (dict "root" . "admin" true) }}
{{- include "signalbox.dbPasswordEnv" (dict "root" . "db" "cost" "env" "COST_DB_PASSWORD") }}
{{- end }}

{{/*
Non-secret settings of each component, as ConfigMap data.
*/}}
{{- define "signalbox.config.common" -}}
KAFKA_BOOTSTRAP_SERVERS: {{ .Values.kafka.bootstrapServers | quote }}
{{- if ne .Values.kafka.securityProtocol "PLAINTEXT" }}
SPRING_KAFKA_SECURITY_PROTOCOL: {{ .Values.kafka.securityProtocol | quote }}
{{- end }}
{{- if include "signalbox.kafkaSasl" . }}
SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: {{ .Values.kafka.sasl.mechanism | quote }}
{{- end }}
{{- with .Values.observability.tracing.otlpEndpoint }}
MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
MANAGEMENT_TRACING_SAMPLING_PROBABILITY: {{ .Values.observability.tracing.samplingProbability | toString | quote }}
JAVA_TOOL_OPTIONS: {{ .Values.jvm.options | quote }}
{{- end }}

{{- /*
JWT login, under the property names every service binds (signalbox.security.jwt.*), whether or not its
application.yml maps the shorter SIGNALBOX_JWT_* variables.
*/}}
{{- define "signalbox.config.jwt" -}}
{{- with .Values.auth.jwt }}
{{- if .issuer }}
SIGNALBOX_SECURITY_JWT_ISSUER: {{ .issuer | quote }}
SIGNALBOX_SECURITY_JWT_JWKSETURI: {{ .jwkSetUri | quote }}
SIGNALBOX_SECURITY_JWT_AUDIENCE: {{ .audience | quote }}
SIGNALBOX_SECURITY_JWT_ROLECLAIM: {{ .roleClaim | quote }}
SIGNALBOX_SECURITY_JWT_NAMECLAIM: {{ .nameClaim | quote }}
SIGNALBOX_SECURITY_JWT_TEAMCLAIM: {{ .teamClaim | quote }}
{{- end }}
{{- end }}
{{- end }}

{{- define "signalbox.config.gateway" -}}
SIGNALBOX_ROUTING_URL: {{ include "signalbox.url" (dict "root" . "key" "routing") | quote }}
SIGNALBOX_REGISTRY_URL: {{ include "signalbox.url" (dict "root" . "key" "registry") | quote }}
SIGNALBOX_GATEWAY_COST_URL: {{ include "signalbox.url" (dict "root" . "key" "cost") | quote }}
SIGNALBOX_GATEWAY_TELEMETRY_URL: {{ include "signalbox.url" (dict "root" . "key" "telemetry") | quote }}
SIGNALBOX_USAGE_SPOOL: /var/lib/signalbox/usage-spool
REDIS_HOST: {{ .Values.redis.host | quote }}
REDIS_PORT: {{ .Values.redis.port | toString | quote }}
{{- with .Values.redis.username }}
SPRING_DATA_REDIS_USERNAME: {{ . | quote }}
{{- end }}
{{- if .Values.redis.ssl }}
SPRING_DATA_REDIS_SSL_ENABLED: "true"
{{- end }}
{{- end }}

{{- define "signalbox.config.routing" -}}
SIGNALBOX_REGISTRY_URL: {{ include "signalbox.url" (dict "root" . "key" "registry") | quote }}
{{ include "signalbox.config.jwt" . }}
{{- end }}

{{- define "signalbox.config.registry" -}}
REGISTRY_DB_URL: {{ .Values.postgresql.registry.url | quote }}
REGISTRY_DB_USERNAME: {{ .Values.postgresql.registry.username | quote }}
{{- $ids := include "signalbox.credentialKeyIds" . | fromYamlArray }}
{{- if $ids }}
{{- if not (has .Values.providerCredentials.activeKeyId $ids) }}
{{- fail (printf "providerCredentials.activeKeyId %q is not among the configured keys %v" .Values.providerCredentials.activeKeyId $ids) }}
{{- end }}
SIGNALBOX_CREDENTIALS_ACTIVE_KEY: {{ .Values.providerCredentials.activeKeyId | quote }}
{{- end }}
{{ include "signalbox.config.jwt" . }}
{{- end }}

{{- define "signalbox.config.telemetry" -}}
SIGNALBOX_REGISTRY_URL: {{ include "signalbox.url" (dict "root" . "key" "registry") | quote }}
{{ include "signalbox.config.jwt" . }}
{{- end }}

{{- define "signalbox.config.cost" -}}
COST_DB_URL: {{ .Values.postgresql.cost.url | quote }}
COST_DB_USERNAME: {{ .Values.postgresql.cost.username | quote }}
{{ include "signalbox.config.jwt" . }}
{{- end }}

{{/* Default anti-affinity of one component, per podAntiAffinity; call with (dict "root" $ "component" name). */}}
{{- define "signalbox.antiAffinity" -}}
{{- $term := dict "labelSelector" (dict "matchLabels" (include "signalbox.selectorLabels" . | fromYaml)) "topologyKey" "kubernetes.io/hostname" }}
{{- if eq .root.Values.podAntiAffinity "hard" }}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - {{ toYaml $term | nindent 6 | trim }}
{{- else if eq .root.Values.podAntiAffinity "soft" }}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        {{- toYaml $term | nindent 8 }}
{{- end }}
{{- end }}
