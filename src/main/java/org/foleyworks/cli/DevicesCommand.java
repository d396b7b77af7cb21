package org.foleyworks.cli;

import java.util.concurrent.Callable;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;

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
        int n = 0;
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (d.getMaxTransmitters() != 0 && !(d instanceof javax.sound.midi.Sequencer)) {
                    System.out.println("  " + info.getName() + " (" + info.getVendor() + ")");
                    n++;
                }
            } catch (MidiUnavailableException e) {
                // not usable: not listed
            }
        }
        if (n == 0) {
            System.out.println("  (none)");
        }
        return 0;
    }
}
