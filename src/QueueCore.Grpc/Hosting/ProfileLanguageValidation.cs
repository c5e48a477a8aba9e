using Microsoft.Extensions.Options;

namespace QueueCore.Grpc.Hosting;

/// <summary>
/// Refuses a configured hall profile whose language is not a tag the server announces in, or whose region breaks the
/// rule a region given at run time follows (<see cref="Mapping.RequestFields.RegionRule"/>), naming the key an operator
/// edits (<c>QueueCoreServer:Profiles:{hall}:Language</c>), so the server does not start with screens that cannot use it.
/// </summary>
internal sealed class ProfileLanguageValidation : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        foreach (var (hall, profile) in options.Profiles)
        {
            if (HallLanguage.Normalize(profile.Language, out var problem) is null)
            {
                failures.Add($"{QueueCoreServer.Section}:Profiles:{hall}:Language '{profile.Language}' {problem}; use a tag of English or Chinese, e.g. \"en\", \"en-GB\", \"zh-CN\".");
            }

            if (Mapping.RequestFields.RegionProblem(profile.Region) is { } regionProblem)
            {
                failures.Add($"{QueueCoreServer.Section}:Profiles:{hall}:Region '{Mapping.RequestFields.Clip(profile.Region)}' {regionProblem}; a region is {Mapping.RequestFields.RegionRule}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
