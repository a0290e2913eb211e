using System.Reflection;

namespace PenToscana.UnitTests.Architecture;

public sealed class ModuleBoundaryTests
{
    private static readonly string ArtifactsRoot = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PenToscana.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }

    public static TheoryData<string> ModuleProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(ArtifactsRoot, "src", "Modules"), "*.csproj", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(ArtifactsRoot, project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleProjects))]
    public void A_module_project_references_no_other_module_project(string project)
    {
        var text = File.ReadAllText(Path.Combine(ArtifactsRoot, project));
        var references = System.Text.RegularExpressions.Regex.Matches(text, "ProjectReference Include=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value.Replace('\\', '/'))
            .ToList();
        references.ShouldNotBeEmpty();
        references.Where(r => r.Contains("/Modules/", StringComparison.Ordinal) || r.StartsWith("../", StringComparison.Ordinal) && !r.StartsWith("../../", StringComparison.Ordinal))
            .ShouldBeEmpty($"{project} must reach other modules only through Contracts");
    }

    [Fact]
    public void Contracts_depends_on_nothing_but_the_base_class_library()
    {
        var contracts = typeof(PenToscana.Contracts.ContractsAssembly).Assembly;
        var referenced = contracts.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        referenced.ShouldAllBe(name => name == "System.Runtime" || name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib");
    }

    [Fact]
    public void No_module_assembly_references_another_module_assembly()
    {
        var modules = AppDomain.CurrentDomain.GetAssemblies()
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "PenToscana.Modules.*.dll").Select(Assembly.LoadFrom))
            .Where(a => a.GetName().Name!.StartsWith("PenToscana.Modules.", StringComparison.Ordinal))
            .DistinctBy(a => a.GetName().Name)
            .ToList();
        modules.ShouldNotBeEmpty();
        foreach (var module in modules)
        {
            module.GetReferencedAssemblies().Select(a => a.Name!)
                .Where(n => n.StartsWith("PenToscana.Modules.", StringComparison.Ordinal))
                .ShouldBeEmpty($"{module.GetName().Name} references another module");
        }
    }
}
