package org.foleyworks.cli;

import java.util.concurrent.Callable;

import org.foleyworks.io.openal.OpenAlOutput;
import picocli.CommandLine.Command;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List audio outputs (the default first), audio inputs and MIDI inputs.")
final class DevicesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Audio outputs:");
        var outs = OpenAlOutput.outputDevices();
        for (int i = 0; i < outs.size(); i++) {
            System.out.println("  " + outs.get(i) + (i == 0 ? "  (default)" : ""));
        }
        System.out.println("Audio inputs:");
        OpenAlOutput.captureDevices().forEach(d -> System.out.println("  " + d));
        System.out.println("MIDI inputs:");
        var midi = org.foleyworks.io.midi.MidiInput.inputNames();
        midi.forEach(m -> System.out.println("  " + m));
        int n = midi.size();
        if (n == 0) {
            System.out.println("  (none)");
        }
        return 0;
    }
}
