using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace QueueCore;

/// <summary>
/// Reads <see cref="QueueCoreOptions"/> from a configuration section (<c>Engine</c>, <c>Halls</c>) with
/// <see cref="ConfigurationReader"/>, when the options are first needed (so configuration sources added after
/// registration count). A member the section gives replaces the options' value; one it does not mention is left as it is.
/// </summary>
internal sealed class QueueCoreConfigureOptions(IConfiguration section) : IConfigureOptions<QueueCoreOptions>
{
    public void Configure(QueueCoreOptions options)
    {
        var read = ConfigurationReader.Read<QueueCoreOptions>(section);
        CheckEngine(read.Engine);
        foreach (var member in ConfigurationReader.MembersGiven<QueueCoreOptions>(section))
        {
            member.Set!(options, member.Get!(read));
        }
    }

    /// <summary>
    /// Refuses an engine option out of range here, where the key is known: the engine's own check names only the
    /// member ("(Parameter 'ShardCount')"), and a user edits <c>QueueCore:Engine:ShardCount</c> in a file.
    /// </summary>
    private void CheckEngine(QueueEngineOptions engine)
    {
        if (engine.FindProblem() is not { } problem)
        {
            return;
        }

        var relative = $"{nameof(QueueCoreOptions.Engine)}:{problem.Key}";
        var path = ConfigurationTree.Join((section as IConfigurationSection)?.Path ?? "", relative);
        throw new InvalidOperationException(section[relative] is { } value
            ? $"Configuration value '{value}' at '{path}' is invalid: {problem.Message}"
            : $"Configuration key '{path}' is invalid: {problem.Message}");
    }
}
