using PenToscana.Kernel.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace PenToscana.Kernel.Jobs;

/// <summary>
/// When a job runs: every <see cref="Interval"/>, or every day at <see cref="DailyAt"/> Italian time (Europe/Rome).
/// </summary>
public sealed record JobSchedule(TimeSpan? Interval, TimeOnly? DailyAt)
{
    public static JobSchedule Every(TimeSpan interval) => new(interval, null);

    public static JobSchedule Daily(int hour, int minute = 0) => new(null, new TimeOnly(hour, minute));

    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        if (Interval is { } every)
        {
            return instant + every;
        }

        var local = TimeZoneInfo.ConvertTime(instant, ItalianTime.Rome);
        var candidateDate = DateOnly.FromDateTime(local.DateTime);
        for (int i = 0; i < 3; i++)
        {
            var wall = candidateDate.AddDays(i).ToDateTime(DailyAt!.Value);
            var offset = ItalianTime.Rome.GetUtcOffset(wall);
            var at = new DateTimeOffset(wall, offset);
            if (at > instant)
            {
                return at.ToUniversalTime();
            }
        }

        return instant.AddDays(1);
    }

    public override string ToString() => Interval is { } every
        ? $"ogni {(every.TotalMinutes >= 1 ? $"{every.TotalMinutes:0} min" : $"{every.TotalSeconds:0} s")}"
        : $"ogni giorno alle {DailyAt:HH\\:mm}";
}

/// <summary>A periodic piece of background work. Implementations are scoped services; one run at a time across all nodes.</summary>
public interface IScheduledJob
{
    string Name { get; }

    string Description { get; }

    JobSchedule Schedule { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

public sealed record ScheduledJobRegistration(string Name, Type JobType);

public static class ScheduledJobRegistrationExtensions
{
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name)
        where TJob : class, IScheduledJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new ScheduledJobRegistration(name, typeof(TJob)));
        return services;
    }
}
