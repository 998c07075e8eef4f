/** Top-level help: the command list split into sections (Training, Inference &amp; evaluation, ...). */
package io.step3vl.cli.help;
