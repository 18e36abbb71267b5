using System.Globalization;
using AiFeed.Publishing.Newsletter.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFeed.Health;

/// <summary>
/// The last newsletter send run: Degraded when copies failed, were left unknown or the relay could not
/// be reached (still ready: a mail relay's trouble is no reason to stop serving feeds).
/// </summary>
internal sealed class NewsletterHealthCheck(IssueSender sender) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (sender.LastRun is not var (report, at))
        {
            return Task.FromResult(HealthCheckResult.Healthy(sender.CanSend ? "no send run since start" : "no SMTP relay or webhook configured"));
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{report.Date} at {at:u}: {report.Sent} sent, {report.AlreadyHandled} had it, {report.Failed} failed, {report.Unknown} unknown, {report.NotAttempted} not attempted, {report.Webhooks} webhooks");
        return Task.FromResult(report.Failed + report.Unknown + report.NotAttempted > 0 || report.Error is not null
            ? HealthCheckResult.Degraded(report.Error is null ? summary : $"{summary}; {report.Error}")
            : HealthCheckResult.Healthy(summary));
    }
}
