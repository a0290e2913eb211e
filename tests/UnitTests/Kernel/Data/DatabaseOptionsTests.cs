using Npgsql;
using PenToscana.Kernel.Data;

namespace PenToscana.UnitTests.Kernel.Data;

public sealed class DatabaseOptionsTests
{
    [Fact]
    public void A_postgres_connection_leaves_the_jit_off_prepares_repeated_statements_plans_each_run_and_keeps_every_other_setting()
    {
        var options = new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=db;Database=pt;Username=u;Password=p;Maximum Pool Size=40" };
        var effective = new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString);
        effective.Options.ShouldBe("-c jit=off -c plan_cache_mode=force_custom_plan");
        effective.MaxAutoPrepare.ShouldBe(64);
        effective.NoResetOnClose.ShouldBeTrue();
        effective.Host.ShouldBe("db");
        effective.Database.ShouldBe("pt");
        effective.Password.ShouldBe("p");
        effective.MaxPoolSize.ShouldBe(40);
    }

    [Fact]
    public void Startup_options_already_given_are_kept_and_a_jit_setting_given_by_the_operator_wins()
    {
        var withOther = new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=db;Options=-c statement_timeout=5000" };
        new NpgsqlConnectionStringBuilder(withOther.EffectiveConnectionString).Options.ShouldBe("-c statement_timeout=5000 -c jit=off -c plan_cache_mode=force_custom_plan");

        var withJit = new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=db;Options=-c jit=on", PostgresPreparedStatements = false };
        withJit.EffectiveConnectionString.ShouldBe("Host=db;Options=-c jit=on");
    }

    [Fact]
    public void Preparation_and_pool_settings_given_by_the_operator_win_under_either_spelling()
    {
        var given = new NpgsqlConnectionStringBuilder(new DatabaseOptions
        {
            Provider = "postgres",
            ConnectionString = "Host=db;MaxAutoPrepare=0;No Reset On Close=false;Options=-c plan_cache_mode=auto",
        }.EffectiveConnectionString);
        given.MaxAutoPrepare.ShouldBe(0);
        given.NoResetOnClose.ShouldBeFalse();
        given.Options.ShouldBe("-c plan_cache_mode=auto -c jit=off");
    }

    [Fact]
    public void The_switch_off_and_sqlite_leave_the_connection_string_as_written()
    {
        new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=db", PostgresJitOff = false, PostgresPreparedStatements = false }.EffectiveConnectionString.ShouldBe("Host=db");
        new NpgsqlConnectionStringBuilder(new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=db", PostgresJitOff = false }.EffectiveConnectionString)
            .Options.ShouldBe("-c plan_cache_mode=force_custom_plan");
        new DatabaseOptions { Provider = "sqlite", ConnectionString = "Data Source=x.db" }.EffectiveConnectionString.ShouldBe("Data Source=x.db");
    }
}
