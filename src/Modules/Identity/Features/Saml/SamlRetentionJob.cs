using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>
/// Removes what SPID no longer needs kept: requests past their expiry (a day later, so late answers are still recognised
/// as expired rather than unknown), assertion ids past their NotOnOrAfter, and transaction-log entries past their
/// 24-month retention (SPID log.rst).
/// </summary>
internal sealed class SamlRetentionJob(IdentityDb db, TimeProvider time) : IScheduledJob
{
    public string Name => "identity-saml-retention";

    public string Description => "Pulizia delle richieste SAML scadute e del registro delle transazioni SPID oltre i 24 mesi";

    public JobSchedule Schedule => JobSchedule.Daily(3, 45);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var requestCutoff = now.AddDays(-1);
        await db.SamlRequests.Where(r => r.ExpiresAt < requestCutoff).ExecuteDeleteAsync(cancellationToken);
        await db.SamlAssertionUses.Where(a => a.NotOnOrAfter < now).ExecuteDeleteAsync(cancellationToken);
        await db.SamlMessageLogs.Where(l => l.KeepUntil < now).ExecuteDeleteAsync(cancellationToken);
    }
}
