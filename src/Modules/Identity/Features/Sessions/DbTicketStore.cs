using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Sessions;

/// <summary>Idle (sliding) and absolute limits of a platform session.</summary>
internal sealed record SessionLimits(TimeSpan Idle, TimeSpan Absolute);

/// <summary>
/// Keeps the authentication ticket in the database and only its random key in the cookie. A session ends when the
/// user (or logout) removes its row, after <see cref="SessionLimits.Idle"/> without requests, or at the absolute limit
/// counted from the first sign-in (re-issuing the cookie, e.g. to act for someone else, does not restart it).
/// </summary>
internal sealed class DbTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, SessionLimits limits, TimeProvider time) : ITicketStore
{
    public const string SessionIdClaim = "sid";
    public const string AuthTimeClaim = "auth_time";

    /// <summary>Last-seen is written at most this often, not on every request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly IDataProtector protector = protection.CreateProtector("PenToscana.Identity.Sessions");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var identity = ticket.Principal.Identities.First();
        var started = identity.FindFirst(AuthTimeClaim) is { } authTime && long.TryParse(authTime.Value, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : now;
        if (identity.FindFirst(AuthTimeClaim) is null)
        {
            identity.AddClaim(new Claim(AuthTimeClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        if (identity.FindFirst(SessionIdClaim) is { } old)
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(SessionIdClaim, key));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        db.Sessions.Add(new UserSession
        {
            Id = key,
            TaxCode = identity.FindFirst(PlatformClaims.TaxCode)?.Value ?? "",
            Ticket = Protect(ticket),
            UserAgent = Truncate(httpContext?.Request.Headers.UserAgent.ToString(), 400),
            IpAddress = httpContext?.Connection.RemoteIpAddress?.ToString(),
            StartedAt = started,
            LastSeenAt = now,
            AbsoluteExpiresAt = started + limits.Absolute,
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        if (session is null)
        {
            return;
        }

        session.Ticket = Protect(ticket);
        session.LastSeenAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (now >= session.AbsoluteExpiresAt || now - session.LastSeenAt >= limits.Idle)
        {
            db.Sessions.Remove(session);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        await db.Sessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static string? Truncate(string? value, int max) => string.IsNullOrEmpty(value) ? null : value.Length > max ? value[..max] : value;
}

/// <summary>A user's own sessions, and ending one of them.</summary>
internal sealed class MySessions(IdentityDb db, ICurrentUser user, TimeProvider time, SessionLimits limits)
{
    public async Task<IReadOnlyList<UserSession>> ListAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var idleSince = now - limits.Idle;
        return await db.Sessions.AsNoTracking()
            .Where(s => s.TaxCode == user.TaxCode && s.AbsoluteExpiresAt > now && s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(ct);
    }

    public async Task<bool> EndAsync(string id, CancellationToken ct)
        => await db.Sessions.Where(s => s.Id == id && s.TaxCode == user.TaxCode).ExecuteDeleteAsync(ct) > 0;
}
