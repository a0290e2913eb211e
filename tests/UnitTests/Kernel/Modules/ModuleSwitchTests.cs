using Microsoft.Extensions.Configuration;
using PenToscana.Kernel.Modules;

namespace PenToscana.UnitTests.Kernel.Modules;

public sealed class ModuleSwitchTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs)
        => new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void A_module_is_on_unless_configuration_switches_it_off()
    {
        ModuleSwitch.IsEnabled(Config(), "Payments").ShouldBeTrue();
        ModuleSwitch.IsEnabled(Config(("Modules:Payments:Enabled", "false")), "Payments").ShouldBeFalse();
        ModuleSwitch.IsEnabled(Config(("Modules:Payments:Enabled", "False")), "Payments").ShouldBeFalse();
        ModuleSwitch.IsEnabled(Config(("Modules:Payments:Enabled", "false")), "InfoDesk").ShouldBeTrue();
    }
}
