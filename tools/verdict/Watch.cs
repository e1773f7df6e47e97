namespace Verdict.Cli;

/// <summary><c>--watch</c>: run a command once, then again after every change to a policy or facts file, until Ctrl+C.</summary>
internal static class Watch
{
    /// <summary>Runs <paramref name="run"/> on start and after each change under <paramref name="paths"/>; returns the last exit code.</summary>
    public static int Loop(IEnumerable<string> paths, Func<int> run, TextWriter output, CancellationToken cancel = default)
    {
        var code = run();
        using var changed = new SemaphoreSlim(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        var watchers = new List<FileSystemWatcher>();
        try
        {
            foreach (var path in paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                var dir = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
                var w = new FileSystemWatcher(dir) { IncludeSubdirectories = Directory.Exists(path), NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName };
                void OnChange(object? _, FileSystemEventArgs e)
                {
                    if (e.FullPath.EndsWith(".yaml", StringComparison.Ordinal) || e.FullPath.EndsWith(".yml", StringComparison.Ordinal) ||
                        e.FullPath.EndsWith(".json", StringComparison.Ordinal) || e.FullPath.EndsWith(".jsonl", StringComparison.Ordinal))
                        changed.Release();
                }
                w.Changed += OnChange;
                w.Created += OnChange;
                w.Deleted += OnChange;
                w.Renamed += (s, e) => OnChange(s, e);
                w.EnableRaisingEvents = true;
                watchers.Add(w);
            }
            Console.Error.WriteLine("watching for changes (Ctrl+C to stop)");
            while (true)
            {
                try { changed.Wait(stop.Token); }
                catch (OperationCanceledException) { break; }
                // Editors save in several steps: wait for the burst to end, then run once.
                do { Thread.Sleep(200); } while (changed.Wait(0));
                output.WriteLine();
                Console.Error.WriteLine("change detected: running again");
                code = run();
            }
            return code;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            foreach (var w in watchers) w.Dispose();
        }
    }
}
