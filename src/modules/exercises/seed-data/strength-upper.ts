import { steps, type SeedExercise } from './define.js'

export const strengthUpper: SeedExercise[] = [
  {
    name: 'Barbell Bench Press',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['chest'],
    secondary_muscles: ['triceps', 'shoulders'],
    equipment_needed: ['barbell', 'bench'],
    description: 'The classic horizontal press for building pressing strength through the chest, front shoulders and triceps.',
    instructions: steps('Lie on a flat bench with eyes under the bar, feet planted and shoulder blades pulled together.', 'Unrack the bar and lower it under control to the lower chest, elbows about 45 degrees from the torso.', 'Press the bar back up over the shoulders until the arms are straight; use a spotter or safety pins for heavy sets.')
  },
  {
    name: 'Incline Dumbbell Press',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['chest', 'shoulders'],
    secondary_muscles: ['triceps'],
    equipment_needed: ['dumbbell', 'bench'],
    description: 'A press on a bench inclined to about 30 degrees that shifts work toward the upper chest and front shoulders.',
    instructions: steps('Set the bench to a low incline and sit back with a dumbbell on each thigh.', 'Kick the weights up to the shoulders and press them over the upper chest.', 'Lower slowly until the dumbbells reach chest level, then press up again.')
  },
  {
    name: 'Push-Up',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['chest'],
    secondary_muscles: ['triceps', 'shoulders', 'abs'],
    equipment_needed: ['none'],
    description: 'A body-weight press that trains the chest and arms while the trunk holds a rigid plank.',
    instructions: steps('Place the hands slightly wider than the shoulders and step back into a straight line from head to heels.', 'Bend the elbows to lower the chest toward the floor, keeping the hips level.', 'Push the floor away until the arms are straight; drop to the knees to make it easier.')
  },
  {
    name: 'Dumbbell Fly',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['chest'],
    secondary_muscles: ['shoulders'],
    equipment_needed: ['dumbbell', 'bench'],
    description: 'An isolation movement that stretches and works the chest through a wide arc with nearly straight arms.',
    instructions: steps('Lie on a flat bench holding dumbbells above the chest, palms facing each other, elbows slightly bent.', 'Open the arms out to the sides until a stretch is felt across the chest.', 'Bring the dumbbells back together over the chest along the same arc.')
  },
  {
    name: 'Cable Crossover',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['chest'],
    secondary_muscles: ['shoulders'],
    equipment_needed: ['cable'],
    description: 'A standing fly between two high cable pulleys that keeps tension on the chest through the whole range.',
    instructions: steps('Set both pulleys high, take a handle in each hand and step forward into a split stance.', 'With a slight bend in the elbows, sweep the handles down and together in front of the hips.', 'Let the arms return slowly until the chest is stretched.')
  },
  {
    name: 'Pull-Up',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['lats'],
    secondary_muscles: ['biceps', 'upper_back', 'forearms'],
    equipment_needed: ['pull_up_bar'],
    description: 'A vertical pull with an overhand grip that builds the lats and upper back using body weight.',
    instructions: steps('Hang from the bar with hands just wider than the shoulders, palms facing away.', 'Pull the shoulder blades down and drive the elbows toward the ribs until the chin clears the bar.', 'Lower to a full hang under control before the next repetition.')
  },
  {
    name: 'Chin-Up',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['lats', 'biceps'],
    secondary_muscles: ['upper_back', 'forearms'],
    equipment_needed: ['pull_up_bar'],
    description: 'A pull-up with an underhand, shoulder-width grip that involves the biceps more.',
    instructions: steps('Hang from the bar with palms facing you, hands about shoulder-width apart.', 'Pull until the chin is above the bar, keeping the legs still.', 'Lower slowly to straight arms.')
  },
  {
    name: 'Bent-Over Barbell Row',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['upper_back', 'lats'],
    secondary_muscles: ['biceps', 'lower_back', 'forearms'],
    equipment_needed: ['barbell'],
    description: 'A horizontal pull from a hip hinge that builds the back and trains the lower back to hold position.',
    instructions: steps('Hold the bar with an overhand grip, hinge at the hips until the torso is close to parallel, back flat.', 'Row the bar to the lower ribs, squeezing the shoulder blades together.', 'Lower the bar to straight arms without letting the torso rise.')
  },
  {
    name: 'Lat Pulldown',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['lats'],
    secondary_muscles: ['biceps', 'upper_back'],
    equipment_needed: ['cable'],
    description: 'A seated vertical pull on a cable station; a scalable way to build toward pull-ups.',
    instructions: steps('Sit with the thighs under the pads and grip the bar wider than the shoulders.', 'Lean back slightly and pull the bar to the upper chest, elbows driving down.', 'Let the bar rise until the arms are straight, keeping the shoulders controlled.')
  },
  {
    name: 'Seated Cable Row',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['upper_back', 'lats'],
    secondary_muscles: ['biceps', 'forearms'],
    equipment_needed: ['cable'],
    description: 'A supported horizontal pull that trains the mid back with little load on the spine.',
    instructions: steps('Sit with feet on the platform, knees slightly bent, holding the handle with straight arms.', 'Pull the handle to the stomach while squeezing the shoulder blades together, torso upright.', 'Extend the arms forward slowly without rounding the back.')
  },
  {
    name: 'Single-Arm Dumbbell Row',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['lats', 'upper_back'],
    secondary_muscles: ['biceps', 'forearms'],
    equipment_needed: ['dumbbell', 'bench'],
    description: 'A one-arm row braced on a bench, useful for evening out strength between sides.',
    instructions: steps('Place one knee and hand on a bench, back flat, dumbbell hanging from the other hand.', 'Row the dumbbell toward the hip, keeping the elbow close to the body.', 'Lower to a full stretch, finish the set and switch sides.')
  },
  {
    name: 'Barbell Overhead Press',
    category: 'strength',
    difficulty_level: 'intermediate',
    primary_muscles: ['shoulders'],
    secondary_muscles: ['triceps', 'traps', 'abs'],
    equipment_needed: ['barbell'],
    description: 'A standing strict press that builds the shoulders and demands a braced trunk.',
    instructions: steps('Hold the bar at the front of the shoulders, hands just outside shoulder width, glutes and abs tight.', 'Press the bar straight up, moving the head back slightly so the bar passes the face.', 'Lock out overhead with the bar above the mid foot, then lower to the shoulders.')
  },
  {
    name: 'Dumbbell Lateral Raise',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['shoulders'],
    secondary_muscles: ['traps'],
    equipment_needed: ['dumbbell'],
    description: 'An isolation raise for the side of the shoulders; light weights and strict form work best.',
    instructions: steps('Stand with dumbbells at the sides, elbows slightly bent.', 'Raise the arms out to the sides until they are level with the shoulders.', 'Lower slowly without swinging the body.')
  },
  {
    name: 'Face Pull',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['shoulders', 'upper_back'],
    secondary_muscles: ['traps'],
    equipment_needed: ['cable'],
    description: 'A rope pull toward the face that trains the rear shoulders and the muscles that hold the shoulder blades back.',
    instructions: steps('Attach a rope to a pulley at about head height and hold the ends with palms facing in.', 'Pull the rope toward the forehead, spreading the hands apart and ending with the elbows high.', 'Return slowly to straight arms.')
  },
  {
    name: 'Barbell Shrug',
    category: 'strength',
    difficulty_level: 'beginner',
    primary_muscles: ['traps'],
    secondary_muscles: ['forearms'],
    equipment_needed: ['barbell'],
    description: 'A short vertical movement of the shoulder girdle that targets the upper trapezius.',
    instructions: steps('Stand tall holding a barbell at arm\'s length in front of the thighs.', 'Lift the shoulders straight up toward the ears without bending the elbows.', 'Pause briefly at the top and lower under control.')
  }
]
